import { shallowRef } from 'vue';
import { api } from './api';

export type LayoutCell = {
  text?: string;
  path?: string;
  colSpan?: number;
  rowSpan?: number;
  header?: boolean;
  figure?: boolean;
};
export type LayoutGrid = { columns: number; rows: LayoutCell[][] };
type Words = Record<string, string>;
export type Labels = {
  applicantType: Words;
  applicationChannel: Words;
  applicationState: Words;
  consultationParty: Words;
  outcome: Words;
  outcomeGroups: { label: string; options: { code: string; label: string }[] }[];
  documentKind: Words;
  decisionKind: Words;
  publicationChannel: Words;
  publicationCategory: Words;
  caseResult: Words;
  eventType: Words;
  sections: Words;
  tables: { proactive: LayoutGrid; applications: LayoutGrid; reviewLitigation: LayoutGrid };
};

/** The words of GET /v1/labels, loaded once per page load: the API's words, never re-typed here. */
export const labels = shallowRef<Labels | null>(null);
let loading: Promise<Labels> | null = null;

export function loadLabels(): Promise<Labels> {
  loading ??= api<Labels>('/v1/labels').then((l) => (labels.value = l));
  loading.catch(() => (loading = null));
  return loading;
}

/** A code's word, or the code itself while the words load. */
export const word = (
  group: keyof Omit<Labels, 'outcomeGroups' | 'tables'>,
  code: string | null | undefined,
) => (code ? (labels.value?.[group]?.[code] ?? code) : '');

/** Options for a select, in the API's order. */
export const optionsOf = (group: keyof Omit<Labels, 'outcomeGroups' | 'tables'>) =>
  Object.entries(labels.value?.[group] ?? {}).map(([value, label]) => ({ value, label }));
