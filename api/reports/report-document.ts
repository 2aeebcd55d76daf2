/**
 * The special report (专题报告) as a Word document, the form in which units file it with
 * 区纪委监委 and 区政数局: title, addressees, the figures in tables, and the leader's sign-off line.
 * Built from the same report data the JSON route returns, so the two never disagree.
 */
import {
  AlignmentType,
  BorderStyle,
  Document,
  HeadingLevel,
  Packer,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import { localDate } from '../../domain/time';
import { DISPOSITION_LABELS } from '../../domain/labels';
import { DISPOSITIONS } from '../../domain/vocabulary';
import type { ClueFigures, FigureChange, ReportFigures, UnitReport } from './reports.dto';

/** Official documents are set in 仿宋 with a 宋体 title; Word substitutes if a font is missing. */
const BODY_FONT = { ascii: 'Times New Roman', hAnsi: 'Times New Roman', eastAsia: '仿宋' };
const TITLE_FONT = { ascii: 'Times New Roman', hAnsi: 'Times New Roman', eastAsia: '宋体' };
/** docx sizes are half-points: 三号 16pt for body text, 二号 22pt for the title, 五号 10.5pt in tables. */
const SIZE = { title: 44, body: 32, table: 21 };

type Scalar = Exclude<keyof ReportFigures, 'byProject' | 'dispositions' | 'dispositionsCompleted'>;

const FIGURE_LABELS: Record<Scalar, string> = {
  received: '收到问题线索（条）',
  verified: '已核查（条）',
  substantiated: '查实（含部分属实，条）',
  unsubstantiated: '查否（条）',
  verificationInaccurate: '核查不实（复核推翻，条）',
  transferred: '上报上级纪委监委（条）',
  closed: '已销号（条）',
  amountInvolved: '涉及金额（元）',
  amountConfirmed: '查实金额（元）',
  amountRecovered: '追回金额（元，经主要领导审核）',
  amountRecoveredPending: '待审核的追回金额（元）',
  verificationRate: '核查率（上报上级的线索不计入）',
  personsHandled: '移交后处理人数（人）',
  rulesEstablished: '建章立制（项）',
  noticesReceived: '收到巡查督导通报（次）',
};
const AMOUNTS = new Set<string>(['amountInvolved', 'amountConfirmed', 'amountRecovered', 'amountRecoveredPending']);

const yuan = new Intl.NumberFormat('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const percent = new Intl.NumberFormat('zh-CN', { style: 'percent', maximumFractionDigits: 1 });
const figure = (field: string, value: number | null): string =>
  value === null ? '—' : AMOUNTS.has(field) ? yuan.format(value) : field === 'verificationRate' ? percent.format(value) : String(value);

/** 2024-10-20 → 2024年10月20日 */
const chineseDate = (iso: string): string => {
  const [y, m, d] = iso.split('-').map(Number);
  return `${y}年${m}月${d}日`;
};

function dateTime(at: string, timeZone: string): string {
  const time = new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(at));
  return `${chineseDate(localDate(Date.parse(at), timeZone))} ${time}`;
}

/** A changed figure's path (byProject.4.closed) as a clerk reads it. */
function changeLabel(field: string): string {
  const [head, key, leaf] = field.split('.');
  const label = (k: string) => FIGURE_LABELS[k as Scalar] ?? k;
  if (head === 'byProject') return `项目${key}：${label(leaf)}`;
  if (head === 'dispositions') return `确定“${DISPOSITION_LABELS[key as keyof typeof DISPOSITION_LABELS] ?? key}”（条）`;
  if (head === 'dispositionsCompleted') return `“${DISPOSITION_LABELS[key as keyof typeof DISPOSITION_LABELS] ?? key}”已办结（条）`;
  return label(head);
}

const text = (value: string, opts: { bold?: boolean; size?: number } = {}) => new TextRun({ text: value, font: BODY_FONT, size: opts.size ?? SIZE.body, bold: opts.bold });

const para = (value: string, opts: { bold?: boolean; indent?: boolean; align?: (typeof AlignmentType)[keyof typeof AlignmentType] } = {}) =>
  new Paragraph({
    children: [text(value, { bold: opts.bold })],
    alignment: opts.align,
    // 首行缩进两字 (2 × 16pt) as official documents are set.
    indent: opts.indent === false ? undefined : { firstLine: 640 },
    spacing: { line: 560 },
  });

const heading = (value: string) =>
  new Paragraph({ heading: HeadingLevel.HEADING_2, children: [new TextRun({ text: value, font: { ...BODY_FONT, eastAsia: '黑体' }, size: SIZE.body, bold: true })], spacing: { before: 240, after: 120 } });

const border = { style: BorderStyle.SINGLE, size: 4, color: '000000' };

function table(headers: string[], rows: string[][], numericFrom = 1): Table {
  const cell = (value: string, header: boolean, numeric: boolean) =>
    new TableCell({
      children: [
        new Paragraph({
          alignment: header ? AlignmentType.CENTER : numeric ? AlignmentType.RIGHT : AlignmentType.LEFT,
          children: [new TextRun({ text: value, font: TITLE_FONT, size: SIZE.table, bold: header })],
        }),
      ],
      shading: header ? { type: ShadingType.CLEAR, fill: 'E7E6E6', color: 'auto' } : undefined,
      borders: { top: border, bottom: border, left: border, right: border },
    });
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [
      new TableRow({ tableHeader: true, children: headers.map((h) => cell(h, true, false)) }),
      ...rows.map((r) => new TableRow({ children: r.map((v, i) => cell(v, false, i >= numericFrom)) })),
    ],
  });
}

const CLUE_COLUMNS: Array<keyof ClueFigures> = [
  'received',
  'verified',
  'substantiated',
  'unsubstantiated',
  'transferred',
  'closed',
  'amountInvolved',
  'amountConfirmed',
  'amountRecovered',
];

const OVERVIEW_COUNTS: Scalar[] = ['received', 'verified', 'verificationRate', 'substantiated', 'unsubstantiated', 'verificationInaccurate', 'transferred', 'closed'];
const OVERVIEW_RESULTS: Scalar[] = ['amountInvolved', 'amountConfirmed', 'amountRecovered', 'amountRecoveredPending', 'personsHandled', 'rulesEstablished', 'noticesReceived'];

function overview(r: UnitReport): Table {
  const row = (k: Scalar) => [FIGURE_LABELS[k], figure(k, r.figures[k])];
  return table(['指标', '数值'], [
    ...OVERVIEW_COUNTS.map(row),
    ['尚未办结（条）', String(r.progress.open)],
    ['当前逾期（条）', String(r.progress.overdue)],
    ...OVERVIEW_RESULTS.map(row),
  ]);
}

function byProject(r: UnitReport): Table | Paragraph {
  if (r.figures.byProject.length === 0) return para('本单位暂无问题线索。');
  return table(
    ['序号', '项目', '线索', '已核查', '查实', '查否', '上报', '销号', '涉及金额', '查实金额', '追回金额'],
    r.figures.byProject.map((p) => [String(p.projectNo), p.name, ...CLUE_COLUMNS.map((k) => figure(k, p[k]))]),
    2,
  );
}

function dispositions(r: UnitReport): Table {
  return table(
    ['处置方式', '确定线索（条）', '已办结（条）'],
    DISPOSITIONS.map((d) => [DISPOSITION_LABELS[d], String(r.figures.dispositions[d]), String(r.figures.dispositionsCompleted[d])]),
  );
}

function rules(r: UnitReport): Paragraph[] {
  if (r.rules.length === 0) return [para('暂无建章立制事项。')];
  return r.rules.map((rule, i) => para(`${i + 1}. ${rule.title}：${rule.summary}（涉及线索 ${rule.clueNos.join('、')}）`));
}

function notices(r: UnitReport): Table | Paragraph {
  if (r.notices.length === 0) return para('未收到巡查督导通报。');
  return table(
    ['通报日期', '严重程度', '通报问题', '涉及线索'],
    r.notices.map((n) => [chineseDate(localDate(Date.parse(n.createdAt), r.campaign.timezone)), n.severity, n.finding, n.clueNos.join('、') || '—']),
    4,
  );
}

function signoff(r: UnitReport): Paragraph[] {
  const tz = r.campaign.timezone;
  const { latest, state, changes } = r.signoff;
  const deadline = `报送期限：${chineseDate(r.due.date)}（含当日）。`;
  const timeliness = r.due.overdue ? '已逾期，尚未审核签发。' : r.due.signedOnTime === false ? '逾期后签发。' : r.due.signedOnTime ? '按期签发。' : '尚未审核签发。';
  const out = [para(deadline + timeliness)];
  if (latest) {
    out.push(para(`单位主要领导审核签发：${latest.signedBy.name}　签发时间：${dateTime(latest.signedAt, tz)}（第 ${latest.seq} 次签发）`));
    if (latest.comment) out.push(para(`审核意见：${latest.comment}`));
  }
  if (state === 'changed_since_signoff') out.push(...changedSinceSignoff(changes));
  out.push(new Paragraph({ children: [] }), para('单位主要领导（签字）：＿＿＿＿＿＿　　　日期：＿＿＿＿年＿＿月＿＿日', { indent: false, align: AlignmentType.RIGHT }));
  return out;
}

function changedSinceSignoff(changes: FigureChange[]): Paragraph[] {
  return [
    para('注意：签发后以下数据已发生变化，本报告所列为最新台账数据，须重新审核签发：', { bold: true }),
    ...changes.map((c) => para(`${changeLabel(c.field)}：签发时 ${figure(c.field.split('.').at(-1)!, c.signed)}，现为 ${figure(c.field.split('.').at(-1)!, c.current)}`)),
  ];
}

export async function buildReportDocument(r: UnitReport): Promise<Buffer> {
  const doc = new Document({
    creator: 'clueflow',
    title: `关于${r.campaign.title}的专题报告`,
    description: `${r.unit.name}（${r.unit.code}）`,
    styles: { default: { document: { run: { font: BODY_FONT, size: SIZE.body } } } },
    sections: [
      {
        properties: { page: { margin: { top: 2098, bottom: 1984, left: 1587, right: 1474 } } },
        children: [
          new Paragraph({
            alignment: AlignmentType.CENTER,
            spacing: { after: 240 },
            children: [new TextRun({ text: `关于${r.campaign.title}的专题报告`, font: TITLE_FONT, size: SIZE.title, bold: true })],
          }),
          para(r.unit.name, { indent: false, align: AlignmentType.CENTER }),
          para(`报告期间：${chineseDate(r.period.start)}至${chineseDate(r.period.end)}`, { indent: false, align: AlignmentType.CENTER }),
          para('区纪委监委、区政数局：', { indent: false }),
          para(
            `按照${r.campaign.title}工作方案要求，现将${r.unit.name}监督检查工作情况报告如下。以下数据取自问题线索台账，截至${dateTime(r.generatedAt, r.campaign.timezone)}。`,
          ),
          heading('一、总体情况'),
          overview(r),
          heading('二、分项目情况'),
          byProject(r),
          heading('三、分类处置情况'),
          dispositions(r),
          heading('四、建章立制'),
          ...rules(r),
          heading('五、巡查督导通报'),
          notices(r),
          heading('六、审核签发'),
          ...signoff(r),
        ],
      },
    ],
  });
  return Packer.toBuffer(doc);
}
