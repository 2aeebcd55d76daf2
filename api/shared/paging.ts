/** Paging of list endpoints: `page` from 1, `pageSize` up to 500, and the reply's { items, total, page, pageSize }. */
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsWholeNumber, Optional, ToNumber } from './validation';

export const MAX_PAGE_SIZE = 500;

export class PageQuery {
  @ApiPropertyOptional({ minimum: 1, default: 1, description: '页码，从 1 开始' })
  @Optional()
  @ToNumber()
  @IsWholeNumber(1, 1_000_000)
  page?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: MAX_PAGE_SIZE, default: 50, description: '每页条数' })
  @Optional()
  @ToNumber()
  @IsWholeNumber(1, MAX_PAGE_SIZE)
  pageSize?: number;
}

export interface Paging {
  page: number;
  pageSize: number;
  offset: number;
}

export function paging(q: PageQuery): Paging {
  const page = q.page ?? 1;
  const pageSize = q.pageSize ?? 50;
  return { page, pageSize, offset: (page - 1) * pageSize };
}

/** The page fields every paged reply carries beside its items. */
export class PageOut {
  @ApiProperty({ description: '符合条件的总条数' }) total: number;
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
}
