import { Body, Controller, HttpCode, Param, Post, UploadedFile, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiExtraModels, ApiOkResponse, ApiOperation, ApiTags, getSchemaPath } from '@nestjs/swagger';
import type { Actor } from '../../domain/vocabulary';
import { CurrentActor, Roles } from '../shared/auth';
import { CodePipe } from '../shared/validation';
import { ImportRequest, ImportResultOut } from './clue-import.dto';
import { ClueImportService, type UploadedClueFile } from './clue-import.service';

/** The largest upload accepted: a 50,000-row XLSX is about 6 MB. */
const MAX_FILE_BYTES = 64 * 1024 * 1024;

@ApiTags('clues')
@ApiBearerAuth()
@Controller('campaigns/:id/clues')
export class ClueImportController {
  constructor(private readonly importer: ClueImportService) {}

  @Post()
  @HttpCode(200)
  @Roles('coordinator', 'system')
  @ApiOperation({ summary: '导入问题线索（逐条校验，整条接收或拒收；JSON 或 CSV / XLSX 文件）' })
  @UseInterceptors(FileInterceptor('file', { limits: { fileSize: MAX_FILE_BYTES, files: 1 } }))
  @ApiConsumes('application/json', 'multipart/form-data')
  @ApiExtraModels(ImportRequest)
  @ApiBody({
    description: 'JSON `{ "clues": [ClueIn, ...] }`，或 multipart 文件字段 `file`（CSV 或 XLSX，首行为列名：字段名或中文列名）',
    schema: {
      oneOf: [
        { $ref: getSchemaPath(ImportRequest) },
        { type: 'object', properties: { file: { type: 'string', format: 'binary' } }, required: ['file'] },
      ],
    },
  })
  @ApiOkResponse({ type: ImportResultOut })
  import(@CurrentActor() actor: Actor, @Param('id', CodePipe) id: string, @Body() body: unknown, @UploadedFile() file?: UploadedClueFile): Promise<ImportResultOut> {
    return this.importer.importRequest(actor, id, body, file);
  }
}
