/**
 * Chinese names of codes the API reports that domain/labels.ts does not name yet. They belong
 * there (beside STAGE_LABELS and ROLE_LABELS) and are here only until domain/ takes them.
 */
import type { OutboxStatus, RecheckResult } from '@domain/vocabulary';

export { OUTBOX_KIND_LABELS } from '@domain/labels';

export const OUTBOX_STATUS_LABELS: Record<OutboxStatus, string> = {
  queued: '待发送',
  sent: '已发送',
  failed: '发送失败',
  no_recipient: '无收件人',
  outbox_only: '仅存发件箱',
};

/** State of a unit's special report (专题报告) against its leader's sign-off. */
export const REPORT_STATE_LABELS: Record<'unsigned' | 'signed' | 'changed_since_signoff', string> = {
  unsigned: '未签发',
  signed: '已签发',
  changed_since_signoff: '签发后数据有变动',
};

export const DRAW_KIND_LABELS: Record<'initial' | 'supplementary', string> = {
  initial: '首次抽查',
  supplementary: '补充抽查',
};

export const RECHECK_RESULT_LABELS: Record<RecheckResult, string> = {
  confirmed: '维持查否',
  overturned: '推翻原结论',
};

/** Verifying units (街道、管理区) and the projects' responsible departments (责任部门). */
export const UNIT_TYPE_LABELS: Record<'unit' | 'department', string> = {
  unit: '核查单位',
  department: '责任部门',
};

/** A verification team member's place in the team (domain/verification TeamMember.role). */
export const TEAM_ROLE_LABELS: Record<'leader' | 'member', string> = {
  leader: '组长',
  member: '成员',
};

export const CONTACT_ROLE_LABELS: Record<'officer' | 'leader', string> = {
  officer: '经办人',
  leader: '主要领导',
};
