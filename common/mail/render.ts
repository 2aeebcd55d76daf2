/**
 * The mails clueflow sends, as plain text and HTML, in Chinese. Pure functions of their data:
 * domain/digest decides who gets what and when; the API and the mail activities both render here.
 */
import type { DigestItem, EscalationItem, UnitDigest } from '../../domain/digest';
import { escalationLevelLabel } from '../../domain/escalation';
import { DEADLINE_LABELS, STAGE_LABELS, labelOf } from '../../domain/labels';

export interface Rendered {
  subject: string;
  text: string;
  html: string;
}

export interface UnitDigestData extends Pick<UnitDigest, 'byStage' | 'dueSoon' | 'overdue' | 'report'> {
  campaignTitle: string;
  unitName: string;
  date: string;
  link: string;
}

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** Long lists are cut here; the link shows the rest. */
const LIST_LIMIT = 50;

function table(headers: string[], rows: string[][]): string {
  const th = headers.map((h) => `<th style="border:1px solid #999;padding:2px 6px;background:#eee">${esc(h)}</th>`).join('');
  const trs = rows.map((r) => `<tr>${r.map((c) => `<td style="border:1px solid #999;padding:2px 6px">${esc(c)}</td>`).join('')}</tr>`).join('');
  return `<table style="border-collapse:collapse">${th ? `<tr>${th}</tr>` : ''}${trs}</table>`;
}

function itemRows(items: DigestItem[], overdue: boolean): string[][] {
  return items.slice(0, LIST_LIMIT).map((i) => [
    i.clueNo,
    String(i.projectNo),
    STAGE_LABELS[i.stage],
    i.lastDay ?? '—',
    overdue ? `已逾期 ${-(i.daysLeft ?? 0)} 天，${escalationLevelLabel(i.escalationLevel)}` : `剩 ${i.daysLeft} 天`,
  ]);
}

function itemLines(items: DigestItem[], overdue: boolean): string[] {
  const lines = itemRows(items, overdue).map((r) => `  - ${r[0]}（项目${r[1]}，${r[2]}，期限 ${r[3]}）${r[4]}`);
  if (items.length > LIST_LIMIT) lines.push(`  … 另有 ${items.length - LIST_LIMIT} 条，见链接`);
  return lines;
}

function reportLine(r: { lastDay: string; daysLeft: number; level: number }): string {
  const when = r.daysLeft < 0 ? `已逾期 ${-r.daysLeft} 天，${escalationLevelLabel(r.level)}` : `剩 ${r.daysLeft} 天`;
  return `专题报告（报区纪委监委、区政数局）截止 ${r.lastDay}，尚未经主要领导签批：${when}。`;
}

export function renderUnitDigest(d: UnitDigestData): Rendered {
  const subject = `【${d.campaignTitle}】${d.unitName} ${d.date} 办理提醒：${d.overdue.length} 条线索逾期，${d.dueSoon.length} 条即将到期${d.report ? (d.report.daysLeft < 0 ? '，专题报告逾期' : '，专题报告将到期') : ''}`;
  const stageLine = d.byStage.map((s) => `${STAGE_LABELS[s.stage]} ${s.count} 条`).join('，');
  const text = [
    `${d.unitName}：`,
    '',
    `截至 ${d.date}，本单位在办线索：${stageLine || '无'}。`,
    '',
    ...(d.overdue.length ? [`已逾期（${d.overdue.length} 条）：`, ...itemLines(d.overdue, true), ''] : []),
    ...(d.dueSoon.length ? [`即将到期（${d.dueSoon.length} 条）：`, ...itemLines(d.dueSoon, false), ''] : []),
    ...(d.report ? [reportLine(d.report), ''] : []),
    `请按期限办理。本单位线索清单：${d.link}`,
    '',
    '—— clueflow 问题线索流转系统（本邮件每日汇总发送，请勿直接回复）',
  ].join('\n');
  const html = [
    `<p>${esc(d.unitName)}：</p>`,
    `<p>截至 ${esc(d.date)}，本单位在办线索：${esc(stageLine || '无')}。</p>`,
    ...(d.overdue.length ? [`<h3>已逾期（${d.overdue.length} 条）</h3>`, table(['线索编号', '项目', '阶段', '期限', '状态'], itemRows(d.overdue, true))] : []),
    ...(d.dueSoon.length ? [`<h3>即将到期（${d.dueSoon.length} 条）</h3>`, table(['线索编号', '项目', '阶段', '期限', '剩余'], itemRows(d.dueSoon, false))] : []),
    ...(d.report ? [`<h3>专题报告</h3><p>${esc(reportLine(d.report))}</p>`] : []),
    `<p><a href="${esc(d.link)}">查看本单位线索清单</a></p>`,
    '<p style="color:#888">clueflow 问题线索流转系统 · 每日汇总发送，请勿直接回复</p>',
  ].join('\n');
  return { subject, text, html };
}

/** How an unsigned special report shows in escalation mail, in place of a clue number and stage. */
const REPORT_ITEM = '专题报告';
const REPORT_STAGE = '待签批';

export function renderEscalation(d: { campaignTitle: string; date: string; recipientName: string; items: EscalationItem[]; link: string }): Rendered {
  const top = Math.max(...d.items.map((i) => i.level));
  const subject = `【${d.campaignTitle}】逾期升级通知（${d.date}）：${d.items.length} 条线索升至第 ${top} 级`;
  const rows = d.items.map((i) => [i.clue?.clueNo ?? REPORT_ITEM, i.unitName, i.clue ? STAGE_LABELS[i.clue.stage] : REPORT_STAGE, i.lastDay ?? '—', escalationLevelLabel(i.level)]);
  const reason = top >= 4 ? '以下线索逾期未办，已升级至区纪委监委，涉嫌不作为、慢作为。' : '以下线索逾期未办，按工作方案逐级升级提醒：';
  const text = [
    `${d.recipientName}：`,
    '',
    reason,
    ...rows.map((r) => `  - ${r[0]}（${r[1]}，${r[2]}，期限 ${r[3]}）${r[4]}`),
    '',
    `详情：${d.link}`,
    '',
    '—— clueflow 问题线索流转系统',
  ].join('\n');
  const html = [
    `<p>${esc(d.recipientName)}：</p>`,
    `<p>${esc(reason)}</p>`,
    table(['线索编号', '核查单位', '阶段', '期限', '升级'], rows),
    `<p><a href="${esc(d.link)}">查看详情</a></p>`,
  ].join('\n');
  return { subject, text, html };
}

export function renderNotice(d: { campaignTitle: string; unitName: string; finding: string; severity: string; clueNos: string[]; by: string }): Rendered {
  const subject = `【${d.campaignTitle}】巡查督导通报：${d.unitName}`;
  const clues = d.clueNos.length ? `涉及线索：${d.clueNos.join('、')}` : '';
  const text = [
    `${d.unitName}：`,
    '',
    `巡查督导组（${d.by}）通报如下（${d.severity}）：`,
    d.finding,
    clues,
    '',
    '请于本单位专题报告中说明整改情况。',
    '',
    '—— clueflow 问题线索流转系统',
  ].join('\n');
  const html = `<p>${esc(d.unitName)}：</p><p>巡查督导组（${esc(d.by)}）通报如下（${esc(d.severity)}）：</p><p>${esc(d.finding)}</p>${clues ? `<p>${esc(clues)}</p>` : ''}<p>请于本单位专题报告中说明整改情况。</p>`;
  return { subject, text, html };
}

export function renderExtension(d: {
  campaignTitle: string;
  unitName: string;
  /** Each deadline (a DeadlineKey) that moved. */
  changes: Array<{ deadline: string; before: string; after: string }>;
  reason: string;
  openClues: number;
}): Rendered {
  const subject = `【${d.campaignTitle}】期限调整通知`;
  const changes = d.changes.map((c) => ({ ...c, name: labelOf(DEADLINE_LABELS, c.deadline) }));
  const lines = changes.map((c) => `  - ${c.name}：${c.before} → ${c.after}`);
  const text = [`${d.unitName}：`, '', '区专班调整了以下工作期限：', ...lines, `原因：${d.reason}`, '', `本单位 ${d.openClues} 条在办线索的期限已相应调整。`, '', '—— clueflow 问题线索流转系统'].join('\n');
  const html = `<p>${esc(d.unitName)}：</p><p>区专班调整了以下工作期限：</p>${table(['阶段', '原期限', '新期限'], changes.map((c) => [c.name, c.before, c.after]))}<p>原因：${esc(d.reason)}</p><p>本单位 ${d.openClues} 条在办线索的期限已相应调整。</p>`;
  return { subject, text, html };
}
