import { Module } from '@nestjs/common';
import { CampaignsModule } from '../campaigns/campaigns.module';
import { LedgerController } from './ledger.controller';
import { LedgerExportService } from './ledger-export.service';

@Module({ imports: [CampaignsModule], controllers: [LedgerController], providers: [LedgerExportService] })
export class LedgerModule {}
