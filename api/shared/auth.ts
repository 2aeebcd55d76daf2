/** Bearer tokens (API.md "Authentication and scope"), kept only as SHA-256 hashes, and the role guard. */
import { createHash, timingSafeEqual } from 'node:crypto';
import { CanActivate, createParamDecorator, ExecutionContext, Inject, Injectable, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import type { Database } from '../../db/database';
import { ApiTokenEntity } from '../../db/entities';
import { ROLE_LABELS } from '../../domain/labels';
import type { Actor, Role } from '../../domain/vocabulary';
import { ApiError } from './errors';
import { ADMIN_TOKEN, DATABASE } from './providers';

export const hashToken = (token: string): string => createHash('sha256').update(token).digest('hex');

const ROLES_KEY = 'clueflow:roles';
const PUBLIC_KEY = 'clueflow:public';
/** Roles allowed on a route; absent → any authenticated token. */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES_KEY, roles);
export const Public = () => SetMetadata(PUBLIC_KEY, true);
/** The roles a route allows (undefined: any token), for the route table the access tests walk. */
export const rolesOf = (handler: object): Role[] | undefined => Reflect.getMetadata(ROLES_KEY, handler);
export const isPublic = (handler: object): boolean => Reflect.getMetadata(PUBLIC_KEY, handler) === true;

type AuthedRequest = Request & { actor?: Actor };
export const CurrentActor = createParamDecorator((_: unknown, ctx: ExecutionContext): Actor => {
  return ctx.switchToHttp().getRequest<AuthedRequest>().actor!;
});

@Injectable()
export class AuthGuard implements CanActivate {
  private readonly adminHash: Buffer;

  constructor(
    private readonly reflector: Reflector,
    @Inject(DATABASE) private readonly db: Database,
    @Inject(ADMIN_TOKEN) adminToken: string,
  ) {
    this.adminHash = Buffer.from(hashToken(adminToken), 'hex');
  }

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    const targets = [ctx.getHandler(), ctx.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;
    const req = ctx.switchToHttp().getRequest<AuthedRequest>();
    const header = req.headers.authorization ?? '';
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match) throw new ApiError(401, 'unauthorized', '缺少访问令牌：请在请求头加上 Authorization: Bearer <token>');
    req.actor = await this.actorFor(match[1]);
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets);
    if (roles && !roles.includes(req.actor.role)) {
      throw new ApiError(
        403,
        'forbidden',
        `此操作需要以下身份之一：${roles.map((r) => `${ROLE_LABELS[r]}（${r}）`).join('、')}；当前令牌身份为 ${ROLE_LABELS[req.actor.role]}（${req.actor.role}）`,
      );
    }
    return true;
  }

  private async actorFor(token: string): Promise<Actor> {
    const hash = hashToken(token);
    if (timingSafeEqual(Buffer.from(hash, 'hex'), this.adminHash)) return { name: 'admin', role: 'coordinator' };
    const row = await this.db.run((em) => em.findOneBy(ApiTokenEntity, { tokenHash: hash }));
    if (!row || row.revokedAt) throw new ApiError(401, 'unauthorized', '访问令牌无效或已撤销');
    return { name: row.name, role: row.role as Role, ...(row.unitCode ? { unitCode: row.unitCode } : {}) };
  }
}
