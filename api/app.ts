/**
 * The NestJS application: a module per resource over one core of shared values (database,
 * Temporal client, configuration), the global validation, error filter and auth guard, and the
 * OpenAPI document at /api/docs.
 */
import { Global, Module, type DynamicModule, type INestApplication } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_INTERCEPTOR, NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import type { Client } from '@temporalio/client';
import type { Config } from '../common/config';
import type { Database } from '../db/database';
import { AccountabilityModule } from './accountability/accountability.module';
import { AuditModule } from './audit/audit.module';
import { consoleDir, serveConsole } from './console';
import { AuthModule } from './auth/auth.module';
import { CampaignsModule } from './campaigns/campaigns.module';
import { documentImportBody } from './clues/clue-import.controller';
import { CluesModule } from './clues/clues.module';
import { HealthModule } from './health/health.module';
import { LedgerModule } from './ledger/ledger.module';
import { NoticesModule } from './notices/notices.module';
import { OutboxModule } from './outbox/outbox.module';
import { ReportsModule } from './reports/reports.module';
import { SamplingModule } from './sampling/sampling.module';
import { AuthGuard } from './shared/auth';
import { documentClosedRequests, documentErrors, ErrorFilter, ErrorOut } from './shared/errors';
import { ADMIN_TOKEN, CONFIG, DATABASE, TEMPORAL, TEMPORAL_UI_URL } from './shared/providers';
import { jsonDepthGuard, mediaTypeGuard, setRouteTable } from './shared/http-edges';
import { idempotencyContext, IdempotencyInterceptor } from './shared/idempotency';
import { requestIdMiddleware } from './shared/request-id';
import { throttlerModule, TokenThrottlerGuard } from './shared/throttle';
import { globalValidationPipe } from './shared/validation';

/** The largest JSON body: 50,000 clues are about 13 MB. */
export const MAX_JSON_BYTES = 64 * 1024 * 1024;

export interface AppDeps {
  config: Config;
  db: Database;
  temporal: Client;
  adminToken: string;
  /** The Temporal Web UI's workflows page, for links to a clue's workflow. */
  temporalUiUrl?: string;
}

@Global()
@Module({})
class CoreModule {
  static with(deps: AppDeps): DynamicModule {
    const providers = [
      { provide: CONFIG, useValue: deps.config },
      { provide: DATABASE, useValue: deps.db },
      { provide: TEMPORAL, useValue: deps.temporal },
      { provide: ADMIN_TOKEN, useValue: deps.adminToken },
      { provide: TEMPORAL_UI_URL, useValue: deps.temporalUiUrl ?? null },
    ];
    return { module: CoreModule, providers, exports: providers.map((p) => p.provide) };
  }
}

export const RESOURCE_MODULES = [
  HealthModule,
  AuthModule,
  CampaignsModule,
  CluesModule,
  SamplingModule,
  ReportsModule,
  LedgerModule,
  NoticesModule,
  OutboxModule,
  AuditModule,
  AccountabilityModule,
];

@Module({})
class AppModule {
  static with(deps: AppDeps): DynamicModule {
    return {
      module: AppModule,
      imports: [CoreModule.with(deps), throttlerModule(deps.config.rateLimitPerMinute), ...RESOURCE_MODULES],
      providers: [
        { provide: APP_GUARD, useClass: TokenThrottlerGuard },
        { provide: APP_GUARD, useClass: AuthGuard },
        { provide: APP_FILTER, useClass: ErrorFilter },
        { provide: APP_INTERCEPTOR, useClass: IdempotencyInterceptor },
      ],
    };
  }
}

/** The OpenAPI document of the running app (served at /api/docs-json). */
export function openApiDocument(app: INestApplication): OpenAPIObject {
  const doc = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('clueflow API')
      .setDescription('惠民惠农政策落实大数据监督检查 — 问题线索全流程（API v1）')
      .setVersion('1')
      .addBearerAuth()
      .build(),
    { extraModels: [ErrorOut] },
  );
  documentImportBody(doc);
  documentErrors(doc);
  documentClosedRequests(doc);
  return doc;
}

/** The NestJS application, built from already-open dependencies (the caller owns their lifecycle). */
export async function createApp(deps: AppDeps): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.with(deps), { logger: ['error', 'warn'], bodyParser: false });
  app.use(requestIdMiddleware);
  const web = consoleDir();
  if (web) serveConsole(app, web);
  app.use(mediaTypeGuard);
  app.use(idempotencyContext);
  // Imports of tens of thousands of clues arrive as one JSON body.
  app.useBodyParser('json', { limit: MAX_JSON_BYTES, verify: jsonDepthGuard });
  app.setGlobalPrefix('api/v1');
  app.useGlobalPipes(globalValidationPipe());
  const doc = openApiDocument(app);
  setRouteTable(doc);
  SwaggerModule.setup('api/docs', app, doc, { jsonDocumentUrl: 'api/docs-json' });
  app.enableShutdownHooks();
  return app;
}
