import { Command } from '@nestjs/cqrs';
import { ReviewStatus } from '@app/report';
import { Principal } from '../access/principal';

export type ReviewVerb = 'submit' | 'return' | 'clear';

export type ReviewResult = {
  orgId: string;
  year: number;
  status: ReviewStatus;
  /** False when the very same report was already submitted: nothing was recorded. */
  created: boolean;
  contentSha256: string | null;
  /** Position of the recorded step in the store (0 when nothing was recorded). */
  position: number;
};

export class ReviewReportCommand extends Command<ReviewResult> {
  constructor(
    readonly principal: Principal,
    readonly orgId: string,
    readonly year: number,
    readonly verb: ReviewVerb,
    readonly body: unknown,
    readonly waitMs: number,
  ) {
    super();
  }
}
