import { Module, ValidationPipe, type DynamicModule, type INestApplication } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { Client } from '@temporalio/client';
import type { ValidationError } from 'class-validator';
import type { Config } from '../common/config';
import type { Database } from '../db/database';
import { CampaignService } from './campaigns.service';
import { ClueService } from './clues.service';
import { AuditController, CampaignController, ClueController, HealthController, TokenController } from './controllers';
import { ApiError, ErrorFilter } from './errors';
import { LedgerController } from './ledger.controller';
import { DigestController, NoticeController, OutboxController } from './mail.controller';
import { MailService } from './mail.service';
import { LedgerExportService } from './ledger-export.service';
import { ADMIN_TOKEN, CONFIG, DATABASE, TEMPORAL } from './providers';
import { ReportController } from './reports.controller';
import { ReportService } from './reports.service';
import { SamplingService } from './sampling.service';
import { AuthGuard, TokenService } from './tokens';

export interface AppDeps {
  config: Config;
  db: Database;
  temporal: Client;
  adminToken: string;
}

@Module({})
class ClueflowModule {
  static with(deps: AppDeps): DynamicModule {
    return {
      module: ClueflowModule,
      controllers: [HealthController, TokenController, CampaignController, ClueController, AuditController, LedgerController, ReportController, NoticeController, OutboxController, DigestController],
      providers: [
        { provide: CONFIG, useValue: deps.config },
        { provide: DATABASE, useValue: deps.db },
        { provide: TEMPORAL, useValue: deps.temporal },
        { provide: ADMIN_TOKEN, useValue: deps.adminToken },
        { provide: APP_GUARD, useClass: AuthGuard },
        { provide: APP_FILTER, useClass: ErrorFilter },
        TokenService,
        CampaignService,
        ClueService,
        SamplingService,
        LedgerExportService,
        ReportService,
        MailService,
      ],
    };
  }
}

function fieldErrors(errors: ValidationError[], prefix = ''): Array<{ field: string; message: string }> {
  return errors.flatMap((e) => [
    ...Object.values(e.constraints ?? {}).map((message) => ({ field: `${prefix}${e.property}`, message })),
    ...fieldErrors(e.children ?? [], `${prefix}${e.property}.`),
  ]);
}

/** The NestJS application, built from already-open dependencies (the caller owns their lifecycle). */
export async function createApp(deps: AppDeps): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(ClueflowModule.with(deps), { logger: ['error', 'warn'], bodyParser: false });
  // Imports of tens of thousands of clues arrive as one JSON body.
  app.useBodyParser('json', { limit: '64mb' });
  app.setGlobalPrefix('api/v1');
  app.useGlobalPipes(
    new ValidationPipe({
      transform: true,
      // Campaign documents carry descriptive fields (deadlineMeaning, recheckRule, …) that are kept as given.
      whitelist: false,
      exceptionFactory: (errors) => {
        const details = fieldErrors(errors);
        return new ApiError(400, 'validation_failed', details.map((d) => `${d.field}: ${d.message}`).join('; '), details);
      },
    }),
  );
  const doc = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('clueflow API')
      .setDescription('惠民惠农政策落实大数据监督检查 — 问题线索全流程（API v1）')
      .setVersion('1')
      .addBearerAuth()
      .build(),
  );
  SwaggerModule.setup('api/docs', app, doc, { jsonDocumentUrl: 'api/docs-json' });
  app.enableShutdownHooks();
  return app;
}
