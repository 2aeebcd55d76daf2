import { Body, Controller, HttpCode, Param, Post, UploadedFile, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiBearerAuth, ApiExtraModels, ApiOkResponse, ApiOperation, ApiTags, getSchemaPath, type OpenAPIObject } from '@nestjs/swagger';
import type { Actor } from '../../domain/vocabulary';
import { CurrentActor, Roles } from '../shared/auth';
import { CodeParam, CodePipe } from '../shared/validation';
import { ImportFile, ImportRequest, ImportResultOut } from './clue-import.dto';
import { ClueImportService, type UploadedClueFile } from './clue-import.service';

/** The largest upload accepted: a 50,000-row XLSX is about 6 MB. */
const MAX_FILE_BYTES = 64 * 1024 * 1024;

const IMPORT_PATH = '/api/v1/campaigns/{id}/clues';

/**
 * The body is JSON or a file upload: one schema per media type, so a generated client can send
 * either. @ApiBody describes one schema for all media types; the document is completed here.
 */
export function documentImportBody(doc: OpenAPIObject): void {
  const op = doc.paths[IMPORT_PATH]?.post;
  if (!op) throw new Error(`${IMPORT_PATH} is missing from the OpenAPI document`);
  op.requestBody = {
    required: true,
    description: 'JSON `{ "clues": [ClueIn, ...] }`，或 multipart 文件字段 `file`（CSV 或 XLSX，首行为列名：字段名或中文列名）',
    content: {
      'application/json': { schema: { $ref: getSchemaPath(ImportRequest) } },
      'multipart/form-data': { schema: { $ref: getSchemaPath(ImportFile) } },
    },
  };
}

@ApiTags('clues')
@ApiBearerAuth()
@CodeParam('id', '专项工作 id')
@Controller('campaigns/:id/clues')
export class ClueImportController {
  constructor(private readonly importer: ClueImportService) {}

  @Post()
  @HttpCode(200)
  @Roles('coordinator', 'system')
  @ApiOperation({ summary: '导入问题线索（逐条校验，整条接收或拒收；JSON 或 CSV / XLSX 文件）' })
  @UseInterceptors(FileInterceptor('file', { limits: { fileSize: MAX_FILE_BYTES, files: 1 } }))
  @ApiExtraModels(ImportRequest, ImportFile)
  @ApiOkResponse({ type: ImportResultOut })
  import(@CurrentActor() actor: Actor, @Param('id', CodePipe) id: string, @Body() body: unknown, @UploadedFile() file?: UploadedClueFile): Promise<ImportResultOut> {
    return this.importer.importRequest(actor, id, body, file);
  }
}
