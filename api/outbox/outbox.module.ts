import { Module } from '@nestjs/common';
import { DigestController } from './digests.controller';
import { OutboxController } from './outbox.controller';
import { OutboxService } from './outbox.service';

@Module({ controllers: [OutboxController, DigestController], providers: [OutboxService] })
export class OutboxModule {}
