import { Module } from '@nestjs/common';
import { CampaignsModule } from '../campaigns/campaigns.module';
import { SamplingController } from './sampling.controller';
import { SamplingService } from './sampling.service';

@Module({ imports: [CampaignsModule], controllers: [SamplingController], providers: [SamplingService] })
export class SamplingModule {}
