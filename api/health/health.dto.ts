import { ApiProperty } from '@nestjs/swagger';

export class HealthOut {
  @ApiProperty({ enum: ['ok', 'degraded'] }) status: 'ok' | 'degraded';
  @ApiProperty({ enum: ['ok', 'down'] }) temporal: 'ok' | 'down';
  @ApiProperty({ enum: ['ok', 'down'] }) database: 'ok' | 'down';
}
