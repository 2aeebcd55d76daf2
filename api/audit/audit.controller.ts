import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../shared/auth';
import { AuditListOut, AuditQuery } from './audit.dto';
import { AuditService } from './audit.service';

@ApiTags('audit')
@ApiBearerAuth()
@Controller('audit')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Get()
  @Roles('coordinator', 'discipline')
  @ApiOperation({ summary: '审计日志（只增不改）：每一次变更的办理人、时间与内容' })
  @ApiOkResponse({ type: AuditListOut })
  list(@Query() q: AuditQuery): Promise<AuditListOut> {
    return this.audit.list(q);
  }
}
