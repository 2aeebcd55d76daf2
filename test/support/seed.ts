/** Puts a campaign into a test database the way the API does, without needing its HTTP layer. */
import type { Client } from '@temporalio/client';
import { CampaignActivities } from '../../activities/campaign';
import { CampaignEntity } from '../../db/entities';
import type { Database } from '../../db/database';
import { DEFAULT_ESCALATION_AFTER_DAYS } from '../../domain/calendar';

export async function seedCampaign(db: Database, temporal: Client, doc: Record<string, any>): Promise<void> {
  await db.run((em) =>
    em.insert(CampaignEntity, {
      id: doc.id,
      title: doc.title,
      timezone: doc.timezone,
      status: 'pending',
      deadlines: doc.deadlines,
      originalDeadlines: doc.deadlines,
      calendarVersion: 1,
      escalationAfterDays: doc.escalationAfterDays ?? DEFAULT_ESCALATION_AFTER_DAYS,
      document: doc,
      createdBy: { name: 'test', role: 'coordinator' },
    }),
  );
  await new CampaignActivities(db, temporal).activateCampaign({ campaignId: doc.id });
}
