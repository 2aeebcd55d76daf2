/**
 * Chinese names of the clue timeline's actions (clue_events.action, written by workflows/clue).
 * This table belongs in domain/labels.ts beside STAGE_LABELS, so that mail and the ledger export
 * can name actions too; it is here only until domain/ takes it.
 */
export const ACTION_LABELS: Record<string, string> = {
  imported: '导入线索',
  dispatched: '分派核查单位',
  reassigned: '改派核查单位',
  transferred_up: '上报上级纪委监委',
  verification_submitted: '提交核查情况',
  signoff_rejected: '领导审核退回',
  signoff_approved: '领导审核通过',
  sampling_drawn: '抽查抽中',
  sampling_not_drawn: '抽查未抽中',
  recheck_confirmed: '复核维持查否',
  recheck_overturned: '复核推翻原结论',
  classified: '分类处置',
  rectification_reported: '报送整改情况',
  rectification_accepted: '整改验收通过',
  referral_outcome_recorded: '登记移交处理结果',
  rule_recorded: '登记建章立制',
  deadline_changed: '期限调整',
  escalated: '逾期升级',
  closed: '销号',
};
