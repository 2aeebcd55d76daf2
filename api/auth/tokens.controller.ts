import { Body, Controller, Delete, Get, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../../domain/vocabulary';
import { CurrentActor, Roles } from '../shared/auth';
import { UuidParam, UuidPipe } from '../shared/validation';
import { TokenInfoOut, TokenListOut, TokenOut, TokenRequest } from './tokens.dto';
import { TokenService } from './tokens.service';

@ApiTags('tokens')
@ApiBearerAuth()
@Controller('tokens')
export class TokenController {
  constructor(private readonly tokens: TokenService) {}

  @Post()
  @Roles('coordinator')
  @ApiOperation({ summary: '签发访问令牌（区专班）' })
  @ApiCreatedResponse({ type: TokenOut })
  issue(@CurrentActor() actor: Actor, @Body() body: TokenRequest): Promise<TokenOut> {
    return this.tokens.issue(actor, body);
  }

  @Get()
  @Roles('coordinator')
  @ApiOperation({ summary: '令牌列表（不含令牌本身）' })
  @ApiOkResponse({ type: TokenListOut })
  list(): Promise<TokenListOut> {
    return this.tokens.list();
  }

  @Delete(':tokenId')
  @UuidParam('tokenId', '令牌编号')
  @Roles('coordinator')
  @ApiOperation({ summary: '撤销令牌：立即失效' })
  @ApiOkResponse({ type: TokenInfoOut })
  revoke(@CurrentActor() actor: Actor, @Param('tokenId', new UuidPipe('令牌')) id: string): Promise<TokenInfoOut> {
    return this.tokens.revoke(actor, id);
  }
}

