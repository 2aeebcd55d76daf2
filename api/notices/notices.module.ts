import { Module } from '@nestjs/common';
import { NoticeController } from './notices.controller';
import { NoticeService } from './notices.service';

@Module({ controllers: [NoticeController], providers: [NoticeService] })
export class NoticesModule {}
