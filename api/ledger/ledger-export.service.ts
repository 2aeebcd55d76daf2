/**
 * The ledger export (台账, API.md "Ledger"): one row per clue, as a district clerk opens it in Excel.
 * Rows are read from PostgreSQL a page at a time and written straight to the HTTP response, so a
 * campaign of tens of thousands of clues is never held in memory, and each token sees exactly the
 * clues GET /clues shows it.
 */
import { Inject, Injectable, Logger } from '@nestjs/common';
import ExcelJS from 'exceljs';
import type { Response } from 'express';
import { lastDayOf, localDate, localDateTime } from '../../domain/time';
import type { Database } from '../../db/database';
import type { Actor } from '../../domain/vocabulary';
import { CampaignService } from '../campaigns/campaigns.service';
import { visibleIdNumber } from '../../domain/access';
import { clueFilterSql, CLUES_FROM } from '../clues/clue-filter';
import type { ClueFilterQuery } from '../clues/clues.dto';
import { CONCLUSION_LABELS, DISPOSITION_LABELS, STAGE_LABELS, VIOLATION_TYPE_LABELS, labelOf, yesNo } from '../../domain/labels';
import { DATABASE } from '../shared/providers';

/** Rows per database round trip: large enough to be quick, small enough to stay a few MB. */
const PAGE_SIZE = 2_000;

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const CSV_TYPE = 'text/csv; charset=utf-8';

/** A clue as the ledger query returns it (numeric columns arrive from pg as strings). */
interface LedgerRow {
  clue_no: string;
  project_no: number;
  project_name: string;
  unit_code: string | null;
  unit_name: string | null;
  subject_name: string;
  subject_id_no: string;
  community: string | null;
  clue_type: string;
  amount_involved: string;
  stage: string;
  conclusion: string | null;
  verification_inaccurate: boolean;
  sampled: boolean | null;
  dispositions: string[];
  amount_confirmed: string | null;
  amount_recovered: string | null;
  violation_type: string | null;
  overdue: boolean;
  next_deadline: Date | null;
  imported_at: Date;
  closed_at: Date | null;
  closed_by: string | null;
  closed_reason: string | null;
}

/**
 * How a column is written: amounts are numbers with two decimals, dates and times are wall-clock
 * values in the campaign's time zone (as `YYYY-MM-DD` / `YYYY-MM-DD HH:mm:ss` until the writer
 * turns them into Excel dates or CSV text).
 */
type Kind = 'text' | 'integer' | 'amount' | 'date' | 'datetime';
type Value = string | number | null;

interface RowContext {
  actor: Actor;
  timeZone: string;
}

interface LedgerColumn {
  header: string;
  kind: Kind;
  width: number;
  value: (r: LedgerRow, ctx: RowContext) => Value;
}

const amount = (v: string | null): number | null => (v === null ? null : Number(v));

const COLUMNS: LedgerColumn[] = [
  { header: '线索编号', kind: 'text', width: 20, value: (r) => r.clue_no },
  { header: '项目序号', kind: 'integer', width: 9, value: (r) => r.project_no },
  { header: '项目名称', kind: 'text', width: 26, value: (r) => r.project_name },
  // A clue not yet dispatched has no unit; an unknown code is shown rather than hidden.
  { header: '核查单位', kind: 'text', width: 14, value: (r) => r.unit_name ?? r.unit_code },
  { header: '姓名', kind: 'text', width: 10, value: (r) => r.subject_name },
  { header: '身份证号', kind: 'text', width: 21, value: (r, ctx) => visibleIdNumber(ctx.actor, r.subject_id_no) },
  { header: '社区', kind: 'text', width: 14, value: (r) => r.community },
  { header: '线索类型', kind: 'text', width: 24, value: (r) => r.clue_type },
  { header: '涉及金额（元）', kind: 'amount', width: 14, value: (r) => amount(r.amount_involved) },
  { header: '当前阶段', kind: 'text', width: 10, value: (r) => labelOf(STAGE_LABELS, r.stage) },
  { header: '核查结论', kind: 'text', width: 10, value: (r) => labelOf(CONCLUSION_LABELS, r.conclusion) },
  { header: '核查不实', kind: 'text', width: 9, value: (r) => yesNo(r.verification_inaccurate) },
  { header: '是否抽中复核', kind: 'text', width: 12, value: (r) => yesNo(r.sampled) },
  { header: '处置方式', kind: 'text', width: 30, value: (r) => r.dispositions.map((d) => labelOf(DISPOSITION_LABELS, d)).join('、') },
  { header: '认定金额（元）', kind: 'amount', width: 14, value: (r) => amount(r.amount_confirmed) },
  { header: '追回金额（元）', kind: 'amount', width: 14, value: (r) => amount(r.amount_recovered) },
  { header: '违规类型', kind: 'text', width: 10, value: (r) => labelOf(VIOLATION_TYPE_LABELS, r.violation_type) },
  { header: '是否逾期', kind: 'text', width: 9, value: (r) => yesNo(r.overdue) },
  // The ledger stores the first instant past the deadline (00:00 of the next day); the clerk's
  // deadline is the last day itself.
  { header: '下一期限', kind: 'date', width: 12, value: (r, ctx) => (r.next_deadline ? lastDayOf(r.next_deadline.getTime(), ctx.timeZone) : null) },
  { header: '导入时间', kind: 'datetime', width: 20, value: (r, ctx) => wallClock(r.imported_at, ctx) },
  { header: '销号时间', kind: 'datetime', width: 20, value: (r, ctx) => (r.closed_at ? wallClock(r.closed_at, ctx) : null) },
  { header: '销号人', kind: 'text', width: 12, value: (r) => r.closed_by },
  { header: '销号原因', kind: 'text', width: 30, value: (r) => r.closed_reason },
];

const XLSX_STYLE: Record<Kind, Partial<ExcelJS.Style>> = {
  text: {},
  integer: { numFmt: '0' },
  amount: { numFmt: '#,##0.00' },
  date: { numFmt: 'yyyy-mm-dd' },
  datetime: { numFmt: 'yyyy-mm-dd hh:mm:ss' },
};

/** `YYYY-MM-DD HH:mm:ss` of an instant on the campaign's clocks. */
function wallClock(at: Date, ctx: RowContext): string {
  return localDateTime(at.getTime(), ctx.timeZone);
}

/** Excel dates carry no zone: the wall-clock value is written as if it were UTC, which is what Excel shows. */
function excelDate(wall: string): Date {
  return new Date(`${wall.replace(' ', 'T')}${wall.length === 10 ? 'T00:00:00' : ''}Z`);
}

function xlsxCell(kind: Kind, v: Value): ExcelJS.CellValue {
  if (v === null || v === '') return null;
  return kind === 'date' || kind === 'datetime' ? excelDate(String(v)) : v;
}

/**
 * A text cell that Excel would read as a formula (=, +, -, @, tab, carriage return first) gets a
 * leading apostrophe, as OWASP's CSV-injection guidance says: the clerk sees the text, Excel runs nothing.
 */
function neutralised(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

/** RFC 4180: a field with a comma, quote, CR or LF is quoted, its quotes doubled. */
function csvField(v: Value, kind: Kind): string {
  if (v === null) return '';
  const text = kind === 'amount' ? (v as number).toFixed(2) : kind === 'text' ? neutralised(String(v)) : String(v);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

const csvLine = (fields: string[]) => `${fields.join(',')}\r\n`;

/** `filename*` (RFC 5987) carries the Chinese name; `filename` is the ASCII fallback for old clients. */
function contentDisposition(name: string, asciiName: string): string {
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${asciiName}"; filename*=UTF-8''${encoded}`;
}

/** Resolves when the response can take more, or false once the client has gone away. */
async function drained(res: Response): Promise<boolean> {
  while (res.writableNeedDrain && !res.destroyed) {
    await new Promise<void>((resolve) => {
      const done = () => {
        res.off('drain', done);
        res.off('close', done);
        resolve();
      };
      res.on('drain', done);
      res.on('close', done);
    });
  }
  return !res.destroyed;
}

@Injectable()
export class LedgerExportService {
  private readonly log = new Logger('ledger');

  constructor(
    @Inject(DATABASE) private readonly db: Database,
    private readonly campaigns: CampaignService,
  ) {}

  /** The 台账 as an Excel workbook: bold frozen header row, then one row per clue. */
  async xlsx(actor: Actor, campaignId: string, filter: ClueFilterQuery, res: Response): Promise<void> {
    const ledger = await this.open(actor, campaignId, filter, 'xlsx');
    await this.send(res, ledger, XLSX_TYPE, async () => {
      // Inline strings: a shared-strings table would keep every distinct text in memory until the end.
      const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: res, useStyles: true, useSharedStrings: false });
      workbook.creator = 'clueflow';
      const sheet = workbook.addWorksheet('台账', { views: [{ state: 'frozen', ySplit: 1 }] });
      sheet.columns = COLUMNS.map((c) => ({ key: c.header, width: c.width, style: XLSX_STYLE[c.kind] }));
      const header = sheet.addRow(COLUMNS.map((c) => c.header));
      header.font = { bold: true };
      header.commit();
      for await (const page of ledger.pages()) {
        for (const values of page) sheet.addRow(values.map((v, i) => xlsxCell(COLUMNS[i].kind, v))).commit();
        if (!(await drained(res))) return;
      }
      sheet.commit();
      await workbook.commit();
    });
  }

  /** The 台账 as CSV: UTF-8 with a BOM, so Excel on Windows reads the Chinese right, and CRLF lines. */
  async csv(actor: Actor, campaignId: string, filter: ClueFilterQuery, res: Response): Promise<void> {
    const ledger = await this.open(actor, campaignId, filter, 'csv');
    await this.send(res, ledger, CSV_TYPE, async () => {
      res.write(`\uFEFF${csvLine(COLUMNS.map((c) => c.header))}`);
      for await (const page of ledger.pages()) {
        res.write(page.map((values) => csvLine(values.map((v, i) => csvField(v, COLUMNS[i].kind)))).join(''));
        if (!(await drained(res))) return;
      }
      res.end();
    });
  }

  /** Checks the campaign (404 before any byte is sent) and prepares the scoped row reader. */
  private async open(actor: Actor, campaignId: string, filter: ClueFilterQuery, ext: 'xlsx' | 'csv') {
    const campaign = await this.campaigns.stored(campaignId);
    const ctx: RowContext = { actor, timeZone: campaign.timezone };
    const day = localDate(Date.now(), campaign.timezone).replace(/-/g, '');
    return {
      // Campaign ids are validated as [a-z0-9_-] on creation, so the fallback name is plain ASCII.
      disposition: contentDisposition(`台账-${campaign.id}-${day}.${ext}`, `ledger-${campaign.id}-${day}.${ext}`),
      pages: () => this.pages(campaign.id, filter, ctx),
    };
  }

  /**
   * Pages in clue-number order, keyed by the last clue number seen: each page is an index range
   * scan on the primary key, however deep into the ledger it is (OFFSET would rescan the skipped rows).
   */
  private async *pages(campaignId: string, filter: ClueFilterQuery, ctx: RowContext): AsyncGenerator<Value[][]> {
    const params: unknown[] = [''];
    const where = clueFilterSql(ctx.actor, campaignId, filter, params);
    for (;;) {
      const rows = await this.db.query<LedgerRow>(
        `SELECT c.clue_no, c.project_no, p.name AS project_name, c.unit_code, u.name AS unit_name,
                c.subject_name, c.subject_id_no, c.community, c.clue_type, c.amount_involved, c.stage,
                c.conclusion, c.verification_inaccurate, c.sampled, c.dispositions, c.amount_confirmed,
                c.amount_recovered, c.violation_type, c.overdue, c.next_deadline, c.imported_at,
                c.closed_at, c.closed_by, c.closed_reason
           ${CLUES_FROM}
           LEFT JOIN (SELECT campaign_id, code, name FROM units UNION ALL SELECT campaign_id, code, name FROM departments) u
                  ON u.campaign_id = c.campaign_id AND u.code = c.unit_code
          WHERE c.clue_no > $1 AND ${where}
          ORDER BY c.clue_no
          LIMIT ${PAGE_SIZE}`,
        params,
      );
      if (rows.length === 0) return;
      yield rows.map((r) => COLUMNS.map((c) => c.value(r, ctx)));
      if (rows.length < PAGE_SIZE) return;
      params[0] = rows[rows.length - 1].clue_no;
    }
  }

  private async send(res: Response, ledger: { disposition: string }, contentType: string, write: () => Promise<void>): Promise<void> {
    res.setHeader('Content-Type', contentType);
    res.setHeader('Content-Disposition', ledger.disposition);
    // Personal data (names, ID numbers): no shared or browser cache keeps a copy.
    res.setHeader('Cache-Control', 'no-store');
    try {
      await write();
    } catch (err) {
      if (!res.headersSent) {
        // Nothing sent yet: the error filter answers with the usual JSON body instead of a file.
        for (const h of ['Content-Type', 'Content-Disposition', 'Cache-Control']) res.removeHeader(h);
        throw err;
      }
      // Too late for an error body. Cutting the connection makes the download fail visibly,
      // where ending it normally would pass a truncated ledger off as the whole one.
      this.log.error(`ledger export failed mid-stream: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
      res.destroy();
    }
  }
}
