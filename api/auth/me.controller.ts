import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../../domain/vocabulary';
import { CurrentActor } from '../shared/auth';
import { MeOut } from './tokens.dto';
import { TokenService } from './tokens.service';

@ApiTags('tokens')
@ApiBearerAuth()
@Controller('me')
export class MeController {
  constructor(private readonly tokens: TokenService) {}

  @Get()
  @ApiOperation({ summary: '当前令牌的身份、单位与名称（控制台据此显示菜单）' })
  @ApiOkResponse({ type: MeOut })
  me(@CurrentActor() actor: Actor): Promise<MeOut> {
    return this.tokens.me(actor);
  }
}
