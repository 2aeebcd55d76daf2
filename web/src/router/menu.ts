/** The left menu: which pages each role uses (GET /me). The API enforces scope either way. */
import type { Component } from 'vue';
import { DataBoard, Message, OfficeBuilding, Tickets, Aim, House } from '@element-plus/icons-vue';
import { UNIT_SCOPED_ROLES } from '@domain/access';
import type { Role } from '@domain/vocabulary';
import type { Me } from '@/api/types';

/** District-wide readers: the task force, discipline and the inspectors see the whole campaign. */
const DISTRICT: Role[] = ['coordinator', 'discipline', 'inspector'];
/** Tokens bound to one unit or one responsible department. */
const UNIT: Role[] = [...UNIT_SCOPED_ROLES];

export interface MenuItem {
  path: string;
  title: string;
  icon: Component;
}

interface MenuRule {
  roles: Role[] | 'all';
  item: (me: Me) => MenuItem | null;
}

const RULES: MenuRule[] = [
  { roles: 'all', item: () => ({ path: '/overview', title: '总览', icon: DataBoard }) },
  { roles: 'all', item: () => ({ path: '/clues', title: '线索', icon: Tickets }) },
  { roles: [...DISTRICT, 'rechecker'], item: () => ({ path: '/sampling', title: '抽查复核', icon: Aim }) },
  { roles: DISTRICT, item: () => ({ path: '/units', title: '单位', icon: OfficeBuilding }) },
  { roles: UNIT, item: (me) => (me.unitCode ? { path: `/units/${encodeURIComponent(me.unitCode)}`, title: '本单位', icon: House } : null) },
  { roles: [...DISTRICT, ...UNIT], item: () => ({ path: '/mail', title: '邮件与通报', icon: Message }) },
];

/** Signed-in pages only: `me` is null only on the way to sign-in, where there is no menu. */
export function menuFor(me: Me | null): MenuItem[] {
  if (!me) return [];
  return RULES.filter((r) => r.roles === 'all' || r.roles.includes(me.role))
    .map((r) => r.item(me))
    .filter((item): item is MenuItem => item !== null);
}

/** Whether `me` may open a page whose route lists `roles`. */
export function mayOpen(me: Me | null, roles: Role[] | undefined): boolean {
  return !roles || (!!me && roles.includes(me.role));
}

export const PAGE_ROLES = { sampling: [...DISTRICT, 'rechecker'] as Role[], units: DISTRICT, mail: [...DISTRICT, ...UNIT] };
