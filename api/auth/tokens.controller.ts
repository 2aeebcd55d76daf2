import { Body, Controller, Delete, Get, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../../domain/vocabulary';
import { CurrentActor, Roles } from '../shared/auth';
import { invalid } from '../shared/errors';
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
  @ApiParam({ name: 'tokenId', description: '令牌编号', schema: { type: 'string', format: 'uuid' } })
  @Roles('coordinator')
  @ApiOperation({ summary: '撤销令牌：立即失效' })
  @ApiOkResponse({ type: TokenInfoOut })
  revoke(@CurrentActor() actor: Actor, @Param('tokenId', new ParseUUIDPipe({ exceptionFactory: () => invalidTokenId() })) id: string): Promise<TokenInfoOut> {
    return this.tokens.revoke(actor, id);
  }
}

function invalidTokenId() {
  return invalid([{ field: 'tokenId', message: '应为令牌编号（UUID）' }]);
}
