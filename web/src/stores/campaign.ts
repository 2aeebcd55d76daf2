/**
 * The campaign the console shows (selector in the header), remembered across visits, and its
 * plan: time zone, units, departments and projects for names and filters.
 */
import { computed, reactive } from 'vue';
import { localDate } from '@domain/time';
import { api, ok } from '@/api/client';
import type { Campaign, CampaignSummary } from '@/api/types';

const CHOICE_KEY = 'clueflow.campaign';

export const campaigns = reactive({
  list: [] as CampaignSummary[],
  current: null as Campaign | null,
  loading: false,
  error: '',
});

export const campaignId = computed(() => campaigns.current?.id ?? '');

/** Dates and times are read in the campaign's own zone (e.g. Asia/Shanghai), not the browser's. */
export const timezone = computed(() => campaigns.current?.timezone ?? 'Asia/Shanghai');

export async function selectCampaign(id: string): Promise<void> {
  if (campaigns.current?.id === id) return;
  campaigns.loading = true;
  try {
    campaigns.current = await ok(api.GET('/api/v1/campaigns/{id}', { params: { path: { id } } }));
    localStorage.setItem(CHOICE_KEY, id);
    campaigns.error = '';
  } catch (err) {
    campaigns.error = (err as Error).message;
  } finally {
    campaigns.loading = false;
  }
}

/**
 * The campaign a first visit opens: an active one still under way (its report deadline, the last of
 * the plan, not yet past), else any active one, else the first. Of several under way, the oldest.
 */
function defaultCampaign(list: CampaignSummary[]): string | undefined {
  const today = localDate(Date.now(), Intl.DateTimeFormat().resolvedOptions().timeZone);
  const active = list.filter((c) => c.status === 'active');
  const underWay = active.filter((c) => c.deadlines.report >= today).sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  return (underWay[0] ?? active[0] ?? list[0])?.id;
}

/** Loads the list once per session and opens `wanted`, the remembered choice, or the default one. */
export async function loadCampaigns(wanted?: string): Promise<void> {
  if (campaigns.list.length === 0) {
    try {
      campaigns.list = await ok(api.GET('/api/v1/campaigns'));
    } catch (err) {
      campaigns.error = (err as Error).message;
      return;
    }
  }
  const known = (id: string | null | undefined) => (id && campaigns.list.some((c) => c.id === id) ? id : undefined);
  const id = known(wanted) ?? known(campaigns.current?.id) ?? known(localStorage.getItem(CHOICE_KEY)) ?? defaultCampaign(campaigns.list);
  if (id) await selectCampaign(id);
}

export function unitName(code: string | null | undefined): string {
  if (!code) return '';
  const c = campaigns.current;
  return c?.units.find((u) => u.code === code)?.name ?? c?.departments.find((d) => d.code === code)?.name ?? code;
}

export function projectName(no: number | null | undefined): string {
  if (no === null || no === undefined) return '';
  return campaigns.current?.projects.find((p) => p.no === no)?.name ?? `项目 ${no}`;
}

/** The responsible department (责任部门) of a project, by the campaign's plan. */
export function departmentOf(no: number): string {
  return campaigns.current?.projects.find((p) => p.no === no)?.department ?? '';
}
