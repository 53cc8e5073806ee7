import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { ReadSide } from './read-side';

/** Puts a read controller's GET requests on the read side; its other methods stay on the primary. */
@Injectable()
export class OnReadSide implements NestInterceptor {
  constructor(private readonly reads: ReadSide) {}

  intercept(ctx: ExecutionContext, next: CallHandler) {
    const method = ctx.switchToHttp().getRequest<{ method: string }>().method;
    if (method !== 'GET' && method !== 'HEAD') return next.handle();
    return this.reads.run(() => next.handle());
  }
}
