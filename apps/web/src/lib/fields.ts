// What a record form asks for, field by field, and how its values become contract events.
import { optionsOf } from './labels';
import type { NewEvent } from './record';

export type FieldSpec = {
  prop: string;
  label: string;
  kind: 'text' | 'date' | 'month' | 'select' | 'count' | 'amount' | 'switch';
  /** The contract field it fills, for placing refusals ("data.documentId", "occurredAt"). */
  contract: string;
  options?: () => { value: string; label: string }[];
  required?: boolean;
  placeholder?: string;
  initial?: () => unknown;
};

/** The form's own fixed id for an extra record, and the local day as an instant. */
export type RecordFormKeys = { id: () => string; at: (day: string) => string };
export type RecordBuild = (
  v: Record<string, unknown>,
  form: RecordFormKeys,
) => { events: NewEvent[]; year: number };

/** The day the fact happened, the record's occurredAt. */
export const dateField = (label: string): FieldSpec => ({
  prop: 'on',
  label,
  kind: 'date',
  contract: 'occurredAt',
  required: true,
});

/** A required drop-down of one coded column, filling `data.<prop>`. */
export const codedField = (
  prop: string,
  label: string,
  code: Parameters<typeof optionsOf>[0],
  initial: string,
): FieldSpec => ({
  prop,
  label,
  kind: 'select',
  contract: `data.${prop}`,
  required: true,
  options: () => optionsOf(code),
  initial: () => initial,
});
