import { randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { Database } from '../../db/database';
import { appendAudit } from '../../db/audit';
import { ApiTokenEntity } from '../../db/entities';
import { UNIT_SCOPED_ROLES } from '../../domain/access';
import type { Actor } from '../../domain/vocabulary';
import { ApiError, notFound, unprocessable } from '../shared/errors';
import { hashToken } from '../shared/auth';
import { DATABASE, TEMPORAL_UI_URL } from '../shared/providers';
import type { MeOut, TokenInfoOut, TokenListOut, TokenOut, TokenRequest } from './tokens.dto';

export const newToken = (): string => `cf_${randomBytes(24).toString('base64url')}`;

function toInfo(t: ApiTokenEntity): TokenInfoOut {
  return {
    id: t.id,
    role: t.role as TokenInfoOut['role'],
    unitCode: t.unitCode,
    name: t.name,
    createdAt: t.createdAt.toISOString(),
    revokedAt: t.revokedAt ? t.revokedAt.toISOString() : null,
  };
}

@Injectable()
export class TokenService {
  constructor(
    @Inject(DATABASE) private readonly db: Database,
    @Inject(TEMPORAL_UI_URL) private readonly temporalUiUrl: string | null,
  ) {}

  async issue(actor: Actor, input: TokenRequest): Promise<TokenOut> {
    if (UNIT_SCOPED_ROLES.includes(input.role) && !input.unitCode) {
      throw unprocessable('unit_required', [{ field: 'unitCode', message: `${input.role} 身份的令牌必须指定单位或部门代码` }]);
    }
    // 三(二) 区级成立复核抽查组: the re-check group is the district's, not a street's; a street cadre cannot be a rechecker.
    if (input.role === 'rechecker' && input.unitCode) {
      throw unprocessable('rechecker_has_unit', [
        { field: 'unitCode', message: '复核抽查组为区级（工作方案三(二) 区级成立复核抽查组），rechecker 令牌不绑定单位或部门：请去掉 unitCode；复核组成员从何单位抽调，在录入复核时逐人注明' },
      ]);
    }
    if (input.unitCode && !(await this.unitName(input.unitCode))) {
      throw unprocessable('unknown_unit', [{ field: 'unitCode', message: `没有代码为 ${input.unitCode} 的单位或部门：请先创建包含它的专项工作，或检查拼写` }]);
    }
    const token = newToken();
    await this.db.tx(async (em) => {
      const saved = await em.save(ApiTokenEntity, { tokenHash: hashToken(token), role: input.role, unitCode: input.unitCode ?? null, name: input.name });
      await appendAudit(em, {
        key: `token#${saved.id}`,
        actor,
        action: 'token.issued',
        entityType: 'api_token',
        entityId: saved.id,
        detail: { role: input.role, unitCode: input.unitCode ?? null, name: input.name },
      });
    });
    return { token, role: input.role, ...(input.unitCode ? { unitCode: input.unitCode } : {}), name: input.name };
  }

  async list(): Promise<TokenListOut> {
    const rows = await this.db.run((em) => em.find(ApiTokenEntity, { order: { createdAt: 'DESC' } }));
    return { items: rows.map(toInfo) };
  }

  /** Revokes a token at once: its next request is 401. Audited; revoking twice is refused. */
  async revoke(actor: Actor, id: string): Promise<TokenInfoOut> {
    return this.db.tx(async (em) => {
      const row = await em.findOneBy(ApiTokenEntity, { id });
      if (!row) throw notFound(`令牌 ${id} `);
      if (row.revokedAt) throw new ApiError(409, 'already_revoked', `令牌 ${row.name} 已于 ${row.revokedAt.toISOString()} 撤销`);
      row.revokedAt = new Date();
      await em.update(ApiTokenEntity, { id }, { revokedAt: row.revokedAt });
      await appendAudit(em, {
        key: `token#${id}#revoked`,
        actor,
        action: 'token.revoked',
        entityType: 'api_token',
        entityId: id,
        detail: { role: row.role, unitCode: row.unitCode, name: row.name },
      });
      return toInfo(row);
    });
  }

  async me(actor: Actor): Promise<MeOut> {
    return {
      name: actor.name,
      role: actor.role,
      unitCode: actor.unitCode ?? null,
      unitName: actor.unitCode ? await this.unitName(actor.unitCode) : null,
      temporalUiUrl: this.temporalUiUrl,
    };
  }

  /** A unit's or department's name in the most recent campaign that has it. */
  private async unitName(code: string): Promise<string | null> {
    const [row] = await this.db.query<{ name: string }>(
      `SELECT x.name FROM (
         SELECT u.name, c.created_at FROM units u JOIN campaigns c ON c.id = u.campaign_id WHERE u.code = $1
         UNION ALL
         SELECT d.name, c.created_at FROM departments d JOIN campaigns c ON c.id = d.campaign_id WHERE d.code = $1
       ) x ORDER BY x.created_at DESC LIMIT 1`,
      [code],
    );
    return row?.name ?? null;
  }
}
