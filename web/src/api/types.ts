/** The shapes the pages use, named once and derived from the API's types (client.ts). */
import type { Body } from './client';

export type Me = Body<'/api/v1/me'>;
export type CampaignSummary = Body<'/api/v1/campaigns'>[number];
export type Campaign = Body<'/api/v1/campaigns/{id}'>;
export type Overview = Body<'/api/v1/campaigns/{id}/overview'>;
export type OverviewUnit = Overview['units'][number];
export type OverviewProject = Overview['projects'][number];
export type ClueOut = Body<'/api/v1/clues'>['items'][number];
export type ClueDetail = Body<'/api/v1/clues/{clueNo}'>;
export type TimelineEvent = ClueDetail['timeline'][number];
export type SamplingRow = Body<'/api/v1/campaigns/{id}/sampling'>[number];
export type SamplingDraw = SamplingRow['draws'][number];
export type UnitRow = Body<'/api/v1/campaigns/{id}/units'>[number];
export type OutboxItem = Body<'/api/v1/outbox'>['items'][number];
export type Notice = Body<'/api/v1/notices'>['items'][number];
export type StageCount = NonNullable<OverviewUnit['byStage'][keyof OverviewUnit['byStage']]>;
