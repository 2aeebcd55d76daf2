/** A timeline event in words: what the action's detail (clue_events.detail) says, for a clerk. */
import { CONCLUSION_LABELS, DISPOSITION_LABELS, METHOD_LABELS, STAGE_LABELS, labelOf } from '@domain/labels';
import { escalationLevelLabel } from '@domain/escalation';
import type { TimelineEvent } from '@/api/types';
import { lastDay, money } from '@/utils/format';

const text = (v: unknown): string => (typeof v === 'string' ? v : '');
const list = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
const num = (v: unknown): number | null => (typeof v === 'number' ? v : null);
const join = (...parts: Array<string | false | null | undefined>): string => parts.filter(Boolean).join('；');

export function describeEvent(e: TimelineEvent, ctx: { unitName: (code: string) => string; timeZone: string }): string {
  const d = e.detail ?? {};
  const because = (key: string, prefix = '理由') => (text(d[key]) ? `${prefix}：${text(d[key])}` : null);
  switch (e.action) {
    case 'imported':
      return '线索导入台账，启动办理流程';
    case 'dispatched':
      return join(`分派给 ${ctx.unitName(text(d.unitCode))} 核查`, because('reason'));
    case 'reassigned':
      return join(`由 ${ctx.unitName(text(d.from))} 改派给 ${ctx.unitName(text(d.unitCode))} 核查`, because('reason'));
    case 'transferred_up':
      return join('涉事人员干部管理权限不在本区，上报上级纪委监委', because('reason'));
    case 'verification_submitted':
      return join(
        `核查结论：${labelOf(CONCLUSION_LABELS, text(d.conclusion))}`,
        list(d.methods).length > 0 && `核查方法：${list(d.methods).map((m) => labelOf(METHOD_LABELS, m)).join('、')}`,
        num(d.team) !== null && `核查组 ${num(d.team)} 人`,
        num(d.amountConfirmed) !== null && `查实金额 ${money(num(d.amountConfirmed))}`,
        text(d.seriousProblem) && `突出问题：${text(d.seriousProblem)}（当日报区专班和区纪委监委）`,
      );
    case 'signoff_rejected':
      return join('主要领导审核不同意，退回重新核查', because('comment', '退回意见'));
    case 'signoff_approved':
      return join(`主要领导审核同意，结论为“${labelOf(CONCLUSION_LABELS, text(d.conclusion))}”`, because('comment', '审核意见'));
    case 'sampling_drawn':
      return `第 ${num(d.drawNo) ?? '?'} 次抽查中被抽中，交抽查复查组复核`;
    case 'sampling_not_drawn':
      return join(`第 ${num(d.drawNo) ?? '?'} 次抽查未被抽中`, text(d.reason));
    case 'recheck_confirmed':
      return join('复核维持查否结论，销号', because('findings', '复核情况'));
    case 'recheck_overturned':
      return join(`复核推翻原查否结论，改为“${labelOf(CONCLUSION_LABELS, text(d.conclusion))}”，原核查单位记为核查不实`, because('findings', '复核情况'));
    case 'classified':
      return join(`确定处置方式：${list(d.dispositions).map((x) => labelOf(DISPOSITION_LABELS, x)).join('、')}`, because('reason'));
    case 'rectification_reported':
      return join(
        `整改措施：${text(d.measures)}`,
        num(d.amountRecovered) !== null && `追缴金额 ${money(num(d.amountRecovered))}`,
        d.completed === true ? '整改已完成，待验收' : '整改尚未完成',
      );
    case 'rectification_signed_off':
      return join(
        '主要领导审核同意整改情况',
        num(d.amountRecovered) !== null && `追缴金额 ${money(num(d.amountRecovered))} 计入统计`,
        because('comment', '审核意见'),
      );
    case 'rectification_returned':
      return join('主要领导退回整改情况，须重新报送', because('comment', '退回意见'));
    case 'rectification_accepted':
      return join('区专班验收整改结果', because('comment', '验收意见'));
    case 'referral_outcome_recorded':
      return join(
        `处理结果：${text(d.outcome)}`,
        text(d.caseNo) && `案号 ${text(d.caseNo)}`,
        num(d.personsHandled) !== null && `处理 ${num(d.personsHandled)} 人`,
      );
    case 'rule_recorded':
      return join(`建立制度《${text(d.title)}》`, text(d.summary));
    case 'deadline_changed':
      return join(
        d.deadline ? `办理期限调整为 ${lastDay(text(d.deadline), ctx.timeZone)}` : '办理期限取消',
        because('reason', '调整原因'),
        d.overdue === true && '调整后仍已逾期',
      );
    case 'escalated':
      return join(
        `逾期升级至${escalationLevelLabel(num(d.level) ?? 0)}`,
        text(d.stage) && `所处阶段：${labelOf(STAGE_LABELS, text(d.stage))}`,
        text(d.deadline) && `期限 ${lastDay(text(d.deadline), ctx.timeZone)}`,
      );
    case 'closed':
      return join(text(d.reason) || '销号', list(d.dispositions).length > 0 && `处置方式：${list(d.dispositions).map((x) => labelOf(DISPOSITION_LABELS, x)).join('、')}`);
    default:
      // An action this console does not know yet: show what was recorded rather than nothing.
      return Object.keys(d).length ? JSON.stringify(d) : '';
  }
}
