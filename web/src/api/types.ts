/** The shapes the pages use, named once and taken from the API's OpenAPI document (schema.d.ts). */
import type { Body } from './client';
import type { components, operations } from './schema';

type Schemas = components['schemas'];

export type Me = Body<'/api/v1/me'>;
export type CampaignSummary = Body<'/api/v1/campaigns'>[number];
export type Campaign = Body<'/api/v1/campaigns/{id}'>;
export type Overview = Body<'/api/v1/campaigns/{id}/overview'>;
export type OverviewUnit = Overview['units'][number];
export type OverviewProject = Overview['projects'][number];
/** How many clues are in a stage, and how many of them are past their deadline. */
export type StageCell = Omit<Schemas['StageCount'], 'stage'>;
export type ClueOut = Body<'/api/v1/clues'>['items'][number];
export type ClueDetail = Body<'/api/v1/clues/{clueNo}'>;
export type TimelineEvent = ClueDetail['timeline'][number];
export type SamplingRow = Body<'/api/v1/campaigns/{id}/sampling'>[number];
export type SamplingDraw = SamplingRow['draws'][number];
export type UnitRow = Body<'/api/v1/campaigns/{id}/units'>[number];
export type OutboxItem = Body<'/api/v1/outbox'>['items'][number];
export type Notice = Body<'/api/v1/notices'>['items'][number];

/** What GET /clues takes: the filters, paging and sort. */
export type ClueListQuery = NonNullable<operations['ClueController_list']['parameters']['query']>;
export type ClueSort = NonNullable<ClueListQuery['sort']>;
/** The filters alone, as the ledger export takes them (the same as the list's). */
export type ClueFilter = NonNullable<operations['LedgerController_xlsx']['parameters']['query']>;
