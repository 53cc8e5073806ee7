// 申请内容摘要 is not a fact of the report: the contract has no field for it, so the workbench keeps
// it in this browser only, beside the ids this browser registered (for the next-id suggestion).

const key = (orgId: string) => `gongkai.applications.${orgId}`;
type Stored = { ids: string[]; summaries: Record<string, string> };

function read(orgId: string): Stored {
  try {
    const s = JSON.parse(localStorage.getItem(key(orgId)) ?? '') as Stored;
    return { ids: s.ids ?? [], summaries: s.summaries ?? {} };
  } catch {
    return { ids: [], summaries: {} };
  }
}
const write = (orgId: string, s: Stored) => localStorage.setItem(key(orgId), JSON.stringify(s));

export const knownIds = (orgId: string) => read(orgId).ids;
export const summaryOf = (orgId: string, id: string) => read(orgId).summaries[id] ?? '';

export function rememberId(orgId: string, id: string) {
  const s = read(orgId);
  if (!s.ids.includes(id)) s.ids.push(id);
  write(orgId, s);
}

export function saveSummary(orgId: string, id: string, summary: string) {
  const s = read(orgId);
  s.summaries[id] = summary;
  write(orgId, s);
}
