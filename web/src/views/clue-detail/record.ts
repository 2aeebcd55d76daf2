/**
 * What was recorded on a clue (GET /clues/:clueNo `record`: the verification, sign-off, re-check,
 * classification, rectification, referral, rule and transfer) as sections of label and value, in
 * words. The OpenAPI document describes `record` only as an object, so each field is read for what
 * it is and a field that is not there is left out.
 */
import {
  CONCLUSION_LABELS,
  MEMBER_KIND_LABELS,
  METHOD_LABELS,
  PERSON_CATEGORY_LABELS,
  RECHECK_RESULT_LABELS,
  STANDARD_LABELS,
  TEAM_ROLE_LABELS,
  VIOLATION_TYPE_LABELS,
  labelOf,
} from '@domain/labels';
import { money } from '@/utils/format';

export interface RecordItem {
  label: string;
  value: string;
  /** Spans the whole row (long text). */
  wide?: boolean;
}

export interface RecordSection {
  title: string;
  items: RecordItem[];
}

type Obj = Readonly<Record<string, unknown>>;

const obj = (v: unknown): Obj | null => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Obj) : null);
const objs = (v: unknown): Obj[] => (Array.isArray(v) ? v.map(obj).filter((o): o is Obj => o !== null) : []);
const text = (v: unknown): string => (typeof v === 'string' ? v : '');
const texts = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
const num = (v: unknown): number | null => (typeof v === 'number' ? v : null);

/** Items whose value is empty are left out: the record says nothing about them. */
const items = (...list: Array<RecordItem | false>): RecordItem[] => list.filter((i): i is RecordItem => i !== false && i.value !== '');

/** Who did it: `张三（区专班）`. */
const byName = (by: unknown, roleLabel: (role: string) => string): string => {
  const o = obj(by);
  if (!o) return '';
  const role = roleLabel(text(o.role));
  return role ? `${text(o.name)}（${role}）` : text(o.name);
};

const team = (v: unknown, unitName: (code: string) => string): string =>
  objs(v)
    .map((m) => {
      const unit = text(m.unitCode) ? `，${unitName(text(m.unitCode))}` : '';
      return `${text(m.name)}（${labelOf(TEAM_ROLE_LABELS, text(m.role))}，${labelOf(MEMBER_KIND_LABELS, text(m.kind))}${unit}）`;
    })
    .join('、');

const methods = (v: unknown): string => texts(v).map((m) => labelOf(METHOD_LABELS, m)).join('、');
const standards = (v: unknown): string => texts(v).map((s) => labelOf(STANDARD_LABELS, s)).join('、');
const omitted = (v: unknown): string =>
  objs(v)
    .map((o) => `${labelOf(METHOD_LABELS, text(o.method))}：${text(o.reason)}`)
    .join('；');
const evidence = (v: unknown): string =>
  objs(v)
    .map((e) => (text(e.kind) ? `${text(e.ref)}（${text(e.kind)}）` : text(e.ref)))
    .join('；');
const amount = (v: unknown): string => (num(v) === null ? '' : money(num(v)));

/** The work of a team, as a verification and a re-check both record it (二(二)). */
function work(r: Obj, unitName: (code: string) => string): RecordItem[] {
  return items(
    { label: '核查组', value: team(r.team, unitName), wide: true },
    { label: '五条标准', value: standards(r.standards), wide: true },
    { label: '核查方式', value: methods(r.methods), wide: true },
    { label: '未采用的方式及原因', value: omitted(r.methodsOmitted), wide: true },
    { label: '佐证材料', value: evidence(r.evidence), wide: true },
  );
}

/** A leader's review (领导审核) of a verification or a rectification: who, approved or sent back, why. */
function leaderReview(signoff: Obj | null, roleLabel: (role: string) => string): RecordItem | false {
  if (!signoff) return false;
  const comment = text(signoff.comment) ? `（${text(signoff.comment)}）` : '';
  return { label: '领导审核', value: `${byName(signoff.by, roleLabel)}：${signoff.approve === true ? '同意' : '退回'}${comment}`, wide: true };
}

export interface RecordContext {
  unitName: (code: string) => string;
  roleLabel: (role: string) => string;
}

export function describeRecord(record: Obj, ctx: RecordContext): RecordSection[] {
  const sections: RecordSection[] = [];
  const v = obj(record.verification);
  if (v) {
    const signoff = obj(record.signoff);
    sections.push({
      title: '核查情况',
      items: items(
        { label: '核查结论', value: labelOf(CONCLUSION_LABELS, text(v.conclusion)) },
        { label: '录入人', value: byName(v.by, ctx.roleLabel) },
        { label: '核查情况', value: text(v.findings), wide: true },
        ...work(v, ctx.unitName),
        { label: '查实金额', value: amount(v.amountConfirmed) },
        { label: '违规类型', value: labelOf(VIOLATION_TYPE_LABELS, text(v.violationType)) },
        {
          label: '涉及人员',
          value: objs(v.personsInvolved)
            .map((p) => `${text(p.name)}（${labelOf(PERSON_CATEGORY_LABELS, text(p.category))}）`)
            .join('、'),
          wide: true,
        },
        { label: '突出问题', value: text(v.seriousProblem), wide: true },
        leaderReview(signoff, ctx.roleLabel),
      ),
    });
  }
  const r = obj(record.recheck);
  if (r) {
    sections.push({
      title: '抽查复核',
      items: items(
        { label: '复核结果', value: labelOf(RECHECK_RESULT_LABELS, text(r.result)) },
        { label: '录入人', value: byName(r.by, ctx.roleLabel) },
        { label: '复核情况', value: text(r.findings), wide: true },
        { label: '改定结论', value: labelOf(CONCLUSION_LABELS, text(r.conclusion)) },
        { label: '查实金额', value: amount(r.amountConfirmed) },
        ...work(r, ctx.unitName),
      ),
    });
  }
  if (text(record.classificationReason)) {
    sections.push({ title: '分类处置', items: [{ label: '处置理由', value: text(record.classificationReason), wide: true }] });
  }
  const rect = obj(record.rectification);
  if (rect) {
    const signoff = obj(rect.signoff);
    const state = obj(rect.acceptedBy)
      ? `已验收（${byName(rect.acceptedBy, ctx.roleLabel)}）`
      : rect.completed === true
        ? '已完成，待验收'
        : '整改中';
    sections.push({
      title: '整改纠正',
      items: items(
        { label: '整改措施', value: text(rect.measures), wide: true },
        { label: '追缴金额', value: amount(rect.amountRecovered) },
        { label: '状态', value: state },
        leaderReview(signoff, ctx.roleLabel),
      ),
    });
  }
  const ref = obj(record.referral);
  if (ref) {
    sections.push({
      title: '移交纪检监察机关',
      items: items(
        { label: '处理结果', value: text(ref.outcome), wide: true },
        { label: '案号', value: text(ref.caseNo) },
        { label: '处理人数', value: num(ref.personsHandled) === null ? '' : String(num(ref.personsHandled)) },
      ),
    });
  }
  const rule = obj(record.rule);
  if (rule) {
    sections.push({
      title: '建章立制',
      items: items(
        { label: '制度名称', value: text(rule.title), wide: true },
        { label: '主要内容', value: text(rule.summary), wide: true },
        { label: '责任部门', value: text(rule.department) ? ctx.unitName(text(rule.department)) : '' },
      ),
    });
  }
  const transfer = obj(record.transfer);
  if (transfer) {
    sections.push({
      title: '上报上级纪委监委',
      items: items({ label: '上报人', value: byName(transfer.by, ctx.roleLabel) }, { label: '理由', value: text(transfer.reason), wide: true }),
    });
  }
  return sections;
}

/** The re-check draw's decision on this clue (二(三)), when there has been one. */
export function samplingDecision(record: Obj): { drawn: boolean; drawNo: number } | null {
  const s = obj(record.sampling);
  const drawNo = s ? num(s.drawNo) : null;
  return s && typeof s.drawn === 'boolean' && drawNo !== null ? { drawn: s.drawn, drawNo } : null;
}
