/**
 * The mails clueflow sends, as plain text and HTML, in Chinese. Pure functions of their data:
 * domain/digest decides who gets what and when; the API and the mail activities both render here.
 */
import type { AccountabilityDraft, NamedActor } from '../../domain/accountability';
import type { DigestItem, EscalationItem, Subject, UnitDigest } from '../../domain/digest';
import { escalationLevelLabel, isReminder, type OwnerKind } from '../../domain/escalation';
import { ACCOUNTABILITY_SOURCE_LABELS, CONCLUSION_LABELS, DEADLINE_LABELS, STAGE_LABELS, labelOf } from '../../domain/labels';

export interface Rendered {
  subject: string;
  text: string;
  html: string;
}

export interface UnitDigestData extends Pick<UnitDigest, 'byStage' | 'dueSoon' | 'overdue' | 'report'> {
  campaignTitle: string;
  unitName: string;
  /** Whose digest it is: a unit's or department's levels climb its own chain, a district owner's its own. */
  subjectType: Subject['type'];
  date: string;
  link: string;
}

const ownerOf = (type: Subject['type']): OwnerKind => (type === 'unit' || type === 'department' ? 'body' : type);

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** Long lists are cut here; the link shows the rest. */
const LIST_LIMIT = 50;

function table(headers: string[], rows: string[][]): string {
  const th = headers.map((h) => `<th style="border:1px solid #999;padding:2px 6px;background:#eee">${esc(h)}</th>`).join('');
  const trs = rows.map((r) => `<tr>${r.map((c) => `<td style="border:1px solid #999;padding:2px 6px">${esc(c)}</td>`).join('')}</tr>`).join('');
  return `<table style="border-collapse:collapse">${th ? `<tr>${th}</tr>` : ''}${trs}</table>`;
}

function itemRows(items: DigestItem[], overdue: boolean, owner: OwnerKind): string[][] {
  return items.slice(0, LIST_LIMIT).map((i) => [
    i.clueNo,
    String(i.projectNo),
    STAGE_LABELS[i.stage],
    i.lastDay ?? '—',
    overdue ? `已逾期 ${-(i.daysLeft ?? 0)} 天，${escalationLevelLabel(i.escalationLevel, owner)}` : `剩 ${i.daysLeft} 天`,
  ]);
}

function itemLines(items: DigestItem[], overdue: boolean, owner: OwnerKind): string[] {
  const lines = itemRows(items, overdue, owner).map((r) => `  - ${r[0]}（项目${r[1]}，${r[2]}，期限 ${r[3]}）${r[4]}`);
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
  const owner = ownerOf(d.subjectType);
  // A unit's or department's own clues; the district-level owners' are the clues waiting on them.
  const open = owner === 'body' ? '本单位在办线索' : '待办线索';
  const text = [
    `${d.unitName}：`,
    '',
    `截至 ${d.date}，${open}：${stageLine || '无'}。`,
    '',
    ...(d.overdue.length ? [`已逾期（${d.overdue.length} 条）：`, ...itemLines(d.overdue, true, owner), ''] : []),
    ...(d.dueSoon.length ? [`即将到期（${d.dueSoon.length} 条）：`, ...itemLines(d.dueSoon, false, owner), ''] : []),
    ...(d.report ? [reportLine(d.report), ''] : []),
    `请按期限办理。线索清单：${d.link}`,
    '',
    '—— clueflow 问题线索流转系统（本邮件每日汇总发送，请勿直接回复）',
  ].join('\n');
  const html = [
    `<p>${esc(d.unitName)}：</p>`,
    `<p>截至 ${esc(d.date)}，${open}：${esc(stageLine || '无')}。</p>`,
    ...(d.overdue.length ? [`<h3>已逾期（${d.overdue.length} 条）</h3>`, table(['线索编号', '项目', '阶段', '期限', '状态'], itemRows(d.overdue, true, owner))] : []),
    ...(d.dueSoon.length ? [`<h3>即将到期（${d.dueSoon.length} 条）</h3>`, table(['线索编号', '项目', '阶段', '期限', '剩余'], itemRows(d.dueSoon, false, owner))] : []),
    ...(d.report ? [`<h3>专题报告</h3><p>${esc(reportLine(d.report))}</p>`] : []),
    `<p><a href="${esc(d.link)}">查看线索清单</a></p>`,
    '<p style="color:#888">clueflow 问题线索流转系统 · 每日汇总发送，请勿直接回复</p>',
  ].join('\n');
  return { subject, text, html };
}

/** How an unsigned special report shows in escalation mail, in place of a clue number and stage. */
const REPORT_ITEM = '专题报告';
const REPORT_STAGE = '待签批';

export function renderEscalation(d: { campaignTitle: string; date: string; recipientName: string; items: EscalationItem[]; link: string }): Rendered {
  const escalated = d.items.filter((i) => !isReminder(i.owner));
  const reminders = d.items.filter((i) => isReminder(i.owner));
  const top = Math.max(0, ...escalated.map((i) => i.level));
  const subject = escalated.length
    ? `【${d.campaignTitle}】逾期升级通知（${d.date}）：${escalated.length} 条线索升至第 ${top} 级${reminders.length ? `，${reminders.length} 条逾期提醒` : ''}`
    : `【${d.campaignTitle}】逾期提醒（${d.date}）：${reminders.length} 条移交线索的处理结果待录入`;
  const rows = (items: EscalationItem[]) =>
    items.map((i) => [i.clue?.clueNo ?? REPORT_ITEM, i.unitName, i.clue ? STAGE_LABELS[i.clue.stage] : REPORT_STAGE, i.lastDay ?? '—', escalationLevelLabel(i.level, i.owner)]);
  const reason = top >= 4 ? '以下线索逾期未办，已升级至区纪委监委，涉嫌不作为、慢作为。' : '以下线索逾期未办，按工作方案逐级升级提醒：';
  // 四(三): the discipline commission's own late work is put to it as a reminder, never as its own 不作为.
  const reminderReason = '以下移交纪检监察机关的线索已过整改期限，处理结果尚未录入，请及时录入：';
  const lines = (items: EscalationItem[]) => rows(items).map((r) => `  - ${r[0]}（${r[1]}，${r[2]}，期限 ${r[3]}）${r[4]}`);
  const text = [
    `${d.recipientName}：`,
    '',
    ...(escalated.length ? [reason, ...lines(escalated), ''] : []),
    ...(reminders.length ? [reminderReason, ...lines(reminders), ''] : []),
    `详情：${d.link}`,
    '',
    '—— clueflow 问题线索流转系统',
  ].join('\n');
  const headers = ['线索编号', '核查单位', '阶段', '期限', '升级'];
  const html = [
    `<p>${esc(d.recipientName)}：</p>`,
    ...(escalated.length ? [`<p>${esc(reason)}</p>`, table(headers, rows(escalated))] : []),
    ...(reminders.length ? [`<p>${esc(reminderReason)}</p>`, table(headers, rows(reminders))] : []),
    `<p><a href="${esc(d.link)}">查看详情</a></p>`,
  ].join('\n');
  return { subject, text, html };
}

export function renderNotice(d: { campaignTitle: string; unitName: string; finding: string; severity: string; clueNos: string[]; by: string; inReport: boolean }): Rendered {
  const subject = `【${d.campaignTitle}】巡查督导通报：${d.unitName}`;
  const clues = d.clueNos.length ? `涉及线索：${d.clueNos.join('、')}` : '';
  // The re-check group writes no special report: it answers the notice to the task force.
  const ask = d.inReport ? '请于本单位专题报告中说明整改情况。' : '请向区专班说明整改情况。';
  const text = [
    `${d.unitName}：`,
    '',
    `巡查督导组（${d.by}）通报如下（${d.severity}）：`,
    d.finding,
    clues,
    '',
    ask,
    '',
    '—— clueflow 问题线索流转系统',
  ].join('\n');
  const html = `<p>${esc(d.unitName)}：</p><p>巡查督导组（${esc(d.by)}）通报如下（${esc(d.severity)}）：</p><p>${esc(d.finding)}</p>${clues ? `<p>${esc(clues)}</p>` : ''}<p>${esc(ask)}</p>`;
  return { subject, text, html };
}

const who = (a: NamedActor | null | undefined) => (a ? `${a.name}（${a.role}${a.unitCode ? `，${a.unitCode}` : ''}）` : '—');

/** 问责事项 for the discipline commission: the cause, the unit, and every person named (三(四), 四(二)). */
export function renderAccountability(d: { campaignTitle: string; id: string; subjectName: string; item: AccountabilityDraft; link: string }): Rendered {
  const { item } = d;
  const subject = `【${d.campaignTitle}】问责事项：${d.subjectName}（${ACCOUNTABILITY_SOURCE_LABELS[item.source]}）`;
  const p = item.people;
  const facts: Array<[string, string]> = [
    ['事由', item.summary],
    ['涉及单位', d.subjectName],
    ...(item.clueNos.length ? [['涉及线索', item.clueNos.join('、')] as [string, string]] : []),
    ...(p.team?.length ? [['原核查组', p.team.map((m) => `${m.name}（${m.role === 'leader' ? '组长' : '成员'}）`).join('、')] as [string, string]] : []),
    ...(p.submittedBy !== undefined ? [['录入核查情况', who(p.submittedBy)] as [string, string]] : []),
    ...(p.signedBy !== undefined ? [['审核签批', who(p.signedBy)] as [string, string]] : []),
    ...(p.recheckedBy !== undefined ? [['复核人', who(p.recheckedBy)] as [string, string]] : []),
    ...(p.filedBy !== undefined ? [['通报人', who(p.filedBy)] as [string, string]] : []),
    ['查明情况', item.finding],
  ];
  const text = [
    '区纪委监委：',
    '',
    `依工作方案三(四)、四(二)，以下事项移交贵委处理（问责事项编号 ${d.id}）：`,
    ...facts.map(([k, v]) => `  ${k}：${v}`),
    '',
    `请在系统中录入处理结果：${d.link}`,
    '',
    '—— clueflow 问题线索流转系统',
  ].join('\n');
  const html = [
    '<p>区纪委监委：</p>',
    `<p>依工作方案三(四)、四(二)，以下事项移交贵委处理（问责事项编号 ${esc(d.id)}）：</p>`,
    table([], facts.map(([k, v]) => [k, v])),
    `<p><a href="${esc(d.link)}">录入处理结果</a></p>`,
  ].join('\n');
  return { subject, text, html };
}

/** 突出问题 reported at verification (三(二) 对发现的突出问题…及时上报): to the task force and discipline the same day. */
export function renderSeriousProblem(d: { campaignTitle: string; clueNo: string; unitName: string; conclusion: string; problem: string; by: string; link: string }): Rendered {
  const subject = `【${d.campaignTitle}】突出问题上报：${d.unitName} 线索 ${d.clueNo}`;
  const lines = [
    `核查单位：${d.unitName}`,
    `线索编号：${d.clueNo}`,
    `核查结论（待主要领导审核）：${labelOf(CONCLUSION_LABELS, d.conclusion)}`,
    `突出问题：${d.problem}`,
    `上报人：${d.by}`,
  ];
  const text = ['区专班、区纪委监委：', '', '核查中发现突出问题，依工作方案三(二)及时上报：', ...lines.map((l) => `  ${l}`), '', `详情：${d.link}`, '', '—— clueflow 问题线索流转系统'].join('\n');
  const html = `<p>区专班、区纪委监委：</p><p>核查中发现突出问题，依工作方案三(二)及时上报：</p>${lines.map((l) => `<p>${esc(l)}</p>`).join('')}<p><a href="${esc(d.link)}">查看详情</a></p>`;
  return { subject, text, html };
}

/** A special report signed off, to its recipients (四、有关要求: 分别报区纪委监委和区政数局). */
export function renderReportSigned(d: { campaignTitle: string; unitName: string; seq: number; signedBy: string; link: string }): Rendered {
  const subject = `【${d.campaignTitle}】专题报告报送：${d.unitName}${d.seq > 1 ? `（第 ${d.seq} 次签发）` : ''}`;
  const line = `${d.unitName}的专题报告已经主要领导${d.signedBy}审核签发，报区纪委监委、区政数局。`;
  const text = ['区纪委监委、区政数局：', '', line, `报告（Word 文档）：${d.link}`, '', '—— clueflow 问题线索流转系统'].join('\n');
  const html = `<p>区纪委监委、区政数局：</p><p>${esc(line)}</p><p><a href="${esc(d.link)}">下载报告</a></p>`;
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
