import { Command } from '@nestjs/cqrs';
import { AppendResult } from '@app/event-store';
import { Principal } from '../access/principal';

export class SubmitEventsCommand extends Command<AppendResult> {
  constructor(
    readonly principal: Principal,
    readonly body: unknown,
  ) {
    super();
  }
}
