import { Body, Controller, Get, HttpCode, Param, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../../domain/vocabulary';
import { CurrentActor, Roles } from '../shared/auth';
import { CodeParam, CodePipe } from '../shared/validation';
import { CampaignDocument, CampaignListItem, CampaignOut, ContactsOut, ContactsRequest, DeadlineExtensionOut, DeadlinesRequest } from './campaigns.dto';
import { CampaignService } from './campaigns.service';

@ApiTags('campaigns')
@ApiBearerAuth()
@Controller('campaigns')
export class CampaignController {
  constructor(private readonly campaigns: CampaignService) {}

  @Post()
  @Roles('coordinator')
  @ApiOperation({ summary: '创建专项工作（工作方案数据）' })
  @ApiCreatedResponse({ type: CampaignOut })
  create(@CurrentActor() actor: Actor, @Body() body: CampaignDocument): Promise<CampaignOut> {
    return this.campaigns.create(actor, body);
  }

  @Get()
  @ApiOperation({ summary: '专项工作列表' })
  @ApiOkResponse({ type: [CampaignListItem] })
  list(): Promise<CampaignListItem[]> {
    return this.campaigns.list();
  }

  @Get(':id')
  @CodeParam('id', '专项工作 id')
  @ApiOperation({ summary: '专项工作及其当前期限；联系人邮箱仅区专班可见' })
  @ApiOkResponse({ type: CampaignOut })
  get(@CurrentActor() actor: Actor, @Param('id', CodePipe) id: string): Promise<CampaignOut> {
    return this.campaigns.get(actor, id);
  }

  @Post(':id/deadlines')
  @CodeParam('id', '专项工作 id')
  @HttpCode(200)
  @Roles('coordinator')
  @ApiOperation({ summary: '调整期限；运行中的线索重新计时' })
  @ApiOkResponse({ type: DeadlineExtensionOut })
  deadlines(@CurrentActor() actor: Actor, @Param('id', CodePipe) id: string, @Body() body: DeadlinesRequest): Promise<DeadlineExtensionOut> {
    return this.campaigns.extendDeadlines(actor, id, body);
  }

  @Put(':id/units/:unitCode/contacts')
  @CodeParam('id', '专项工作 id')
  @CodeParam('unitCode', '单位或部门代码')
  @Roles('coordinator')
  @ApiOperation({ summary: '设置单位或部门的邮件联系人' })
  @ApiOkResponse({ type: ContactsOut })
  contacts(
    @CurrentActor() actor: Actor,
    @Param('id', CodePipe) id: string,
    @Param('unitCode', CodePipe) unitCode: string,
    @Body() body: ContactsRequest,
  ): Promise<ContactsOut> {
    return this.campaigns.setContacts(actor, id, unitCode, body.contacts);
  }
}
