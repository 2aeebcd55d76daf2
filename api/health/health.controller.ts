import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public } from '../shared/auth';
import { HealthOut } from './health.dto';
import { HealthService } from './health.service';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(private readonly health: HealthService) {}

  @Public()
  @Get()
  @ApiOperation({ summary: 'Temporal 与数据库状态（无需令牌）' })
  @ApiOkResponse({ type: HealthOut })
  check(): Promise<HealthOut> {
    return this.health.check();
  }
}
