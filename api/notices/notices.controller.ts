import { Body, Controller, Get, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../../domain/vocabulary';
import { CurrentActor, Roles } from '../shared/auth';
import { NoticeListOut, NoticeListQuery, NoticeOut, NoticeRequest } from './notices.dto';
import { NoticeService } from './notices.service';

@ApiTags('notices')
@ApiBearerAuth()
@Controller('notices')
export class NoticeController {
  constructor(private readonly notices: NoticeService) {}

  @Post()
  @Roles('inspector')
  @ApiOperation({ summary: '巡查督导组通报某单位（邮件通知该单位与区专班，记入审计与专题报告）' })
  @ApiCreatedResponse({ type: NoticeOut })
  file(@CurrentActor() actor: Actor, @Body() body: NoticeRequest): Promise<NoticeOut> {
    return this.notices.file(actor, body);
  }

  @Get()
  @ApiOperation({ summary: '通报列表；单位令牌只见本单位' })
  @ApiOkResponse({ type: NoticeListOut })
  list(@CurrentActor() actor: Actor, @Query() q: NoticeListQuery): Promise<NoticeListOut> {
    return this.notices.list(actor, q);
  }
}
