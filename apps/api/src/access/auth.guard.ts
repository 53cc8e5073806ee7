import { CanActivate, ExecutionContext, Injectable, SetMetadata, createParamDecorator } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AppError } from '@app/config';
import { AccessService } from './access.service';
import { Principal } from './principal';

const ADMIN_ONLY = 'gongkai:adminOnly';
export const AdminOnly = () => SetMetadata(ADMIN_ONLY, true);

type Req = { headers: Record<string, string | undefined>; principal?: Principal };

/** Every /v1 route: 401 without a valid token, 403 for admin routes without the admin token. */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly access: AccessService,
    private readonly reflector: Reflector,
  ) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    const req = ctx.switchToHttp().getRequest<Req>();
    // Usually found already, before the body was read (auth-hook.ts); looked up here otherwise.
    req.principal ??= await this.access.authenticate(req.headers.authorization);
    const adminOnly = this.reflector.getAllAndOverride<boolean>(ADMIN_ONLY, [
      ctx.getHandler(),
      ctx.getClass(),
    ]);
    if (adminOnly && req.principal.role !== 'admin')
      throw new AppError(403, 'forbidden', 'Only the admin token may do this.');
    return true;
  }
}

export const CurrentPrincipal = createParamDecorator(
  (_: unknown, ctx: ExecutionContext) => ctx.switchToHttp().getRequest<Req>().principal as Principal,
);
