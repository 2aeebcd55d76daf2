import { Module } from '@nestjs/common';
import { CampaignController } from './campaigns.controller';
import { CampaignService } from './campaigns.service';
import { StartResumeService } from './start-resume.service';
import { StatsController } from './stats.controller';
import { StatsService } from './stats.service';

@Module({ controllers: [CampaignController, StatsController], providers: [CampaignService, StatsService, StartResumeService], exports: [CampaignService] })
export class CampaignsModule {}
