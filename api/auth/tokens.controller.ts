import { Body, Controller, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../../domain/vocabulary';
import { CurrentActor, Roles } from '../shared/auth';
import { TokenOut, TokenRequest } from './tokens.dto';
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
}
