// Which stream a ledger row stands for, as the history route names it ("doc:{documentId}"…).
// The row's own id column is read by its contract name, else by its first column.

const PREFIX: Record<string, [string, string[]]> = {
  applications: ['app', ['applicationId']],
  documents: ['doc', ['documentId']],
  publications: ['pub', ['publicationId']],
  decisions: ['dec', ['decisionId']],
  fees: ['fee', ['receiptId']],
};

export function entityOfRow(kind: string, row: Record<string, unknown>): string | null {
  if (kind === 'cases') {
    const id = row.caseId ?? Object.values(row)[0];
    const litigation = String(row.caseKind ?? row.kind ?? '').match(/litigation|诉讼/);
    return id ? `${litigation ? 'lit' : 'review'}:${id}` : null;
  }
  const [prefix, keys] = PREFIX[kind] ?? [kind, []];
  const id =
    keys.map((k) => row[k]).find((v) => v !== undefined && v !== null && v !== '') ?? Object.values(row)[0];
  return id === undefined || id === null || id === '' ? null : `${prefix}:${id}`;
}
