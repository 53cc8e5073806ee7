import { Query } from '@nestjs/cqrs';
import { LedgerKind, RowValues } from '@app/ledgers';
import { Principal } from '../access/principal';

export type LedgerColumnView = {
  key: string;
  label: string;
  type: string;
  codes?: { code: string; label: string }[];
};
export type LedgerView = {
  kind: LedgerKind;
  year: number | null;
  columns: LedgerColumnView[];
  rows: RowValues[];
};

export class GetLedgerQuery extends Query<LedgerView> {
  constructor(
    readonly principal: Principal,
    readonly orgId: string,
    readonly kind: LedgerKind,
    readonly year: number | undefined,
  ) {
    super();
  }
}
