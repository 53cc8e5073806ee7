import { Command } from '@nestjs/cqrs';
import { LedgerKind } from '@app/ledgers';
import { Principal } from '../access/principal';

export type LedgerUploadResult = {
  rows: number;
  accepted: number;
  unchanged: number;
  corrected: number;
  /** Store position of the upload's last event; for an upload that changes nothing, of its rows' latest. */
  lastPosition: number;
  dryRun?: boolean;
  /** Present when a row's fee notice amount is neither figure the 信息处理费办法 gives: not an error. */
  warnings?: { sheet: string; row: number; column: string; message: string }[];
};

export class UploadLedgerCommand extends Command<LedgerUploadResult> {
  constructor(
    readonly principal: Principal,
    readonly orgId: string,
    readonly kind: LedgerKind,
    readonly body: Buffer,
    readonly year: number | undefined,
    readonly dryRun: boolean,
  ) {
    super();
  }
}
