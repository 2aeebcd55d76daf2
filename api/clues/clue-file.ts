/**
 * Reads an uploaded clue file (CSV or XLSX, one clue a row, a header row first) into the rows the
 * import checks one by one. Headers may be the API's field names or the Chinese column titles a
 * provincial export or a clerk's sheet uses. Problems with the file as a whole (unknown format,
 * unknown or missing columns) are one 400 that names them; problems of a row are that row's errors.
 */
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { cleanText } from '../../domain/input';
import { ApiError } from '../shared/errors';

export interface ImportRow {
  /** The row a person finds the clue on: 1-based array index for JSON, the sheet's row number for files. */
  row: number;
  value: unknown;
  /** Problems found while reading the cell values, reported with the row's other errors. */
  errors?: string[];
  /** What the reader changed in the row (control characters dropped), reported beside the result. */
  notes?: string[];
}

/** Column titles accepted for each ClueIn field: the field name itself, then Chinese titles. */
const COLUMNS: Record<string, string[]> = {
  clueNo: ['线索编号', '线索编码', '编号'],
  projectNo: ['项目序号', '项目编号', '项目'],
  // 核查主体 is the plan's own word (二(一) 分解到有关核查主体): a unit or a department.
  unitCode: ['核查单位代码', '单位代码', '核查单位', '核查主体代码', '核查主体'],
  subjectName: ['姓名', '对象姓名', '当事人'],
  subjectIdNo: ['身份证号', '身份证号码', '公民身份号码'],
  community: ['社区', '村（社区）', '村/社区', '所属社区'],
  clueType: ['线索类型', '问题类型'],
  description: ['问题描述', '线索描述', '线索内容'],
  amountInvolved: ['涉及金额', '涉及金额（元）', '涉及金额(元)', '金额'],
  issuedAt: ['下发日期', '交办日期'],
};
const REQUIRED = ['clueNo', 'projectNo', 'subjectName', 'subjectIdNo', 'clueType', 'description', 'amountInvolved'];
const NUMERIC = new Set(['projectNo', 'amountInvolved']);

const FIELD_BY_TITLE = new Map<string, string>(
  Object.entries(COLUMNS).flatMap(([field, titles]) => [field, ...titles].map((t) => [t.toLowerCase(), field] as [string, string])),
);

const badFile = (message: string, details?: unknown[]) => new ApiError(400, 'invalid_file', message, details);

export async function readClueFile(file: { buffer: Buffer; originalname?: string }): Promise<ImportRow[]> {
  const b = file.buffer;
  if (b.length === 0) throw badFile('上传的文件是空的');
  if (b[0] === 0xd0 && b[1] === 0xcf && b[2] === 0x11 && b[3] === 0xe0) {
    throw badFile('不支持旧版 Excel（.xls）文件，请在 Excel 中另存为 .xlsx 或 CSV（UTF-8）后上传');
  }
  const table = b[0] === 0x50 && b[1] === 0x4b ? await xlsxTable(b) : csvTable(b);
  return toRows(table);
}

/** A sheet as header cells and data rows, each data row with its number in the file. */
interface Table {
  header: unknown[];
  rows: Array<{ row: number; cells: unknown[] }>;
}

/** A formula cell saved without its computed value (e.g. written by a program, never opened in Excel). */
class UncomputedFormula {
  constructor(readonly address: string) {}
}

function csvTable(b: Buffer): Table {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(b);
  } catch {
    // Excel on a Chinese Windows saves CSV in GB18030 (GBK) unless told otherwise.
    text = new TextDecoder('gb18030').decode(b);
  }
  let records: string[][];
  try {
    records = parse(text, { bom: true, relax_column_count: true, skip_empty_lines: false, trim: true });
  } catch (err) {
    throw badFile(`CSV 文件无法读取：${(err as Error).message}；请检查引号和分隔符（应为英文逗号）`);
  }
  const [header = [], ...rest] = records;
  return { header, rows: rest.map((cells, i) => ({ row: i + 2, cells })) };
}

async function xlsxTable(b: Buffer): Promise<Table> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(b as unknown as ArrayBuffer);
  } catch (err) {
    throw badFile(`XLSX 文件无法读取：${(err as Error).message}；请确认是 Excel 2007 及以后的 .xlsx 文件`);
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw badFile('XLSX 文件中没有工作表');
  const header: unknown[] = [];
  const rows: Table['rows'] = [];
  sheet.eachRow({ includeEmpty: false }, (r, rowNumber) => {
    const cells: unknown[] = [];
    r.eachCell({ includeEmpty: true }, (cell, col) => (cells[col - 1] = cellValue(cell.value, cell.address)));
    if (header.length === 0) header.push(...cells);
    else rows.push({ row: rowNumber, cells });
  });
  return { header, rows };
}

/** ExcelJS cell values (rich text, formulas, hyperlinks, dates) as plain strings, numbers or dates. */
function cellValue(v: ExcelJS.CellValue, address: string): unknown {
  if (v === null || v === undefined) return undefined;
  if (v instanceof Date || typeof v !== 'object') return v;
  if ('richText' in v) return v.richText.map((t) => t.text).join('');
  if ('formula' in v || 'sharedFormula' in v) {
    const result = (v as { result?: ExcelJS.CellValue }).result;
    return result === undefined || result === null ? new UncomputedFormula(address) : cellValue(result, address);
  }
  if ('text' in v) return typeof v.text === 'string' ? v.text : cellValue(v.text as ExcelJS.CellValue, address);
  if ('error' in v) return undefined;
  return String(v);
}

function toRows({ header, rows }: Table): ImportRow[] {
  const titles = header.map((h) => (h === undefined ? '' : String(h).trim()));
  const fields = titles.map((t) => FIELD_BY_TITLE.get(t.toLowerCase()));
  const unknown = titles.filter((t, i) => t && !fields[i]);
  const missing = REQUIRED.filter((f) => !fields.includes(f));
  if (unknown.length || missing.length) {
    throw badFile(
      [
        unknown.length ? `无法识别的列：${unknown.join('、')}` : '',
        missing.length ? `缺少必填列：${missing.map((f) => `${COLUMNS[f][0]}（${f}）`).join('、')}` : '',
      ]
        .filter(Boolean)
        .join('；') + '。第一行应为列名，可用字段名或中文列名，见 API 文档',
      [
        ...unknown.map((t) => ({ field: t, message: '无法识别的列' })),
        ...missing.map((f) => ({ field: f, message: `缺少必填列（可写作 ${[f, ...COLUMNS[f]].join(' / ')}）` })),
      ],
    );
  }
  const out: ImportRow[] = [];
  for (const { row, cells } of rows) {
    if (cells.every((c) => c === undefined || c === '')) continue;
    const value: Record<string, unknown> = {};
    const errors: string[] = [];
    const notes: string[] = [];
    fields.forEach((field, i) => {
      const cell = cells[i];
      if (!field || cell === undefined || cell === '') return;
      if (cell instanceof UncomputedFormula) {
        errors.push(`${field}: 单元格 ${cell.address} 是公式但没有保存计算结果，请在 Excel 中打开并保存该文件，或把该列改为数值后重新上传`);
        return;
      }
      if (field === 'subjectIdNo' && typeof cell === 'number') {
        errors.push('subjectIdNo: 身份证号被存成了数字（末几位已丢失），请把该列设为“文本”格式后重新填写');
        return;
      }
      if (field === 'issuedAt' && cell instanceof Date) {
        value[field] = cell.toISOString().slice(0, 10);
      } else if (NUMERIC.has(field) && typeof cell === 'string' && /^-?\d+(\.\d+)?$/.test(cell.replace(/,/g, ''))) {
        value[field] = Number(cell.replace(/,/g, ''));
      } else if (!NUMERIC.has(field) && typeof cell === 'number') {
        if (!Number.isSafeInteger(cell) && Number.isInteger(cell)) {
          errors.push(`${field}: 该单元格存成了过长的数字（末几位已丢失），请把该列设为“文本”格式后重新填写`);
          return;
        }
        value[field] = String(cell);
      } else if (typeof cell === 'string') {
        // Invisible control characters pasted into a cell are dropped, not the whole clue.
        const { text, stripped } = cleanText(cell);
        if (stripped) notes.push(`${field}: 已删除不可见的控制字符`);
        value[field] = text;
      } else {
        value[field] = cell instanceof Date ? cell.toISOString().slice(0, 10) : cell;
      }
    });
    out.push({ row, value, ...(errors.length ? { errors } : {}), ...(notes.length ? { notes } : {}) });
  }
  if (out.length === 0) throw badFile('文件中除列名外没有任何线索行');
  return out;
}
