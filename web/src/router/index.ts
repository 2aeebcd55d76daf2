import { createRouter, createWebHistory } from 'vue-router';
import type { Role } from '@domain/vocabulary';
import { loadMe } from '@/stores/auth';
import { expireSession, session } from '@/stores/session';
import AppLayout from '@/layout/AppLayout.vue';
import { mayOpen, PAGE_ROLES } from './menu';

declare module 'vue-router' {
  interface RouteMeta {
    title?: string;
    public?: boolean;
    roles?: Role[];
  }
}

export const router = createRouter({
  history: createWebHistory('/'),
  routes: [
    { path: '/login', name: 'login', component: () => import('@/views/login/index.vue'), meta: { title: '登录', public: true } },
    {
      path: '/',
      component: AppLayout,
      redirect: '/overview',
      children: [
        { path: 'overview', name: 'overview', component: () => import('@/views/overview/index.vue'), meta: { title: '总览' } },
        { path: 'clues', name: 'clues', component: () => import('@/views/clues/index.vue'), meta: { title: '线索' } },
        { path: 'clues/:campaignId/:clueNo', name: 'clue', component: () => import('@/views/clue-detail/index.vue'), meta: { title: '线索详情' } },
        { path: 'sampling', name: 'sampling', component: () => import('@/views/sampling/index.vue'), meta: { title: '抽查复核', roles: PAGE_ROLES.sampling } },
        { path: 'units', name: 'units', component: () => import('@/views/units/index.vue'), meta: { title: '单位', roles: PAGE_ROLES.units } },
        { path: 'units/:code', name: 'unit', component: () => import('@/views/units/unit.vue'), meta: { title: '单位线索' } },
        { path: 'mail', name: 'mail', component: () => import('@/views/mail/index.vue'), meta: { title: '邮件与通报', roles: PAGE_ROLES.mail } },
        { path: ':rest(.*)*', name: 'missing', component: () => import('@/views/missing/index.vue'), meta: { title: '页面不存在' } },
      ],
    },
  ],
});

router.beforeEach(async (to) => {
  if (to.meta.public) return true;
  const toLogin = { name: 'login', query: { redirect: to.fullPath } };
  if (!session.token) return toLogin;
  try {
    await loadMe();
  } catch (err) {
    // The API could not be reached or failed: the sign-in page says why.
    expireSession((err as Error).message);
    return toLogin;
  }
  if (!session.token) return toLogin;
  return mayOpen(session.me, to.meta.roles) ? true : { name: 'overview' };
});

router.afterEach((to) => {
  document.title = `${to.meta.title ? `${to.meta.title} · ` : ''}线索流转 · 惠民惠农政策落实大数据监督检查`;
});
