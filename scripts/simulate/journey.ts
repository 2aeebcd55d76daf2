/**
 * One clue's journey through a simulated campaign: what happens to it (its plan, drawn once from the
 * seed) and, given where the clue stands, the next action a person takes on it. Pure: the runner does
 * the HTTP, this decides. A plan's expected final stage is what the drills check at the end.
 */
import { DISPOSITIONS, VERIFICATION_METHODS, VERIFICATION_STANDARDS, type Conclusion, type Disposition, type Stage } from '../../domain/vocabulary';
import type { Rng } from './rng';

/** Shares of each outcome (0–1). Each is a command-line flag of `npm run simulate`. */
export interface Shares {
  /** Imported without a verifying body: the task force dispatches it. */
  undispatched: number;
  /** Handed to the project's responsible department rather than a street. */
  department: number;
  /** Dispatched once more to another unit (改派). */
  reassign: number;
  /** Outside the district's jurisdiction: transferred up (上报上级纪委监委). */
  transfer: number;
  /** First verification sent with a community cadre on the team: must be refused with 422. */
  invalidTeam: number;
  /** Conclusions: the rest of the clues are substantiated (查实). */
  unsubstantiated: number;
  partial: number;
  /** The leader sends the verification back once (退回) before approving it. */
  signoffReject: number;
  /** Of the clues drawn for re-check, the share overturned (推翻查否). */
  overturn: number;
  /** Dispositions besides rectification (整改纠正, chosen for most): referral to discipline, rule-building. */
  referral: number;
  ruleBuilding: number;
  /** The unit first reports a rectification still in progress. */
  rectificationInterim: number;
  /** The leader sends the rectification report back once. */
  rectificationReturned: number;
  /** A verification that reports a 突出问题 (the task force and discipline are mailed that day). */
  serious: number;
  /** Late work: the clue's unit (or the task force) stops at some stage and leaves it open. */
  late: number;
}

export const DEFAULT_SHARES: Shares = {
  undispatched: 0.1,
  department: 0.06,
  reassign: 0.03,
  transfer: 0.015,
  invalidTeam: 0.05,
  unsubstantiated: 0.6,
  partial: 0.12,
  signoffReject: 0.08,
  overturn: 0.25,
  referral: 0.2,
  ruleBuilding: 0.12,
  rectificationInterim: 0.15,
  rectificationReturned: 0.08,
  serious: 0.005,
  late: 0.08,
};

export interface CluePlan {
  clueNo: string;
  projectNo: number;
  /** The verifying body named at import, if any. */
  importedUnit?: string;
  /** Where the task force dispatches it (when imported without one), and where it reassigns it to. */
  dispatchTo?: string;
  reassignTo?: string;
  transfer: boolean;
  invalidTeam: boolean;
  conclusion: Conclusion;
  signoffReject: boolean;
  overturn: boolean;
  dispositions: Disposition[];
  rectificationInterim: boolean;
  rectificationReturned: boolean;
  serious: boolean;
  /** Late work: the clue is left in this stage. */
  stopAt?: Stage;
  amountInvolved: number;
}

/** What the journey has already done (the clue's view does not say, e.g. whether a refusal was tried). */
export interface Progress {
  dispatched: boolean;
  reassigned: boolean;
  invalidTried: boolean;
  signoffRejected: boolean;
  /** The latest rectification report: none, interim, complete (waiting for the leader), approved. */
  rectification: 'none' | 'interim' | 'complete' | 'approved';
  rectificationReturned: boolean;
}

export const freshProgress = (): Progress => ({
  dispatched: false,
  reassigned: false,
  invalidTried: false,
  signoffRejected: false,
  rectification: 'none',
  rectificationReturned: false,
});

/** Where a clue stands, as the API's reply or GET /clues/:clueNo shows it. */
export interface ClueNow {
  stage: Stage;
  unitCode: string | null;
  dispositions: Disposition[];
  completedDispositions: Disposition[];
}

export type Actor =
  | { role: 'coordinator' | 'rechecker' | 'discipline' }
  | { role: 'unit_officer' | 'unit_leader' | 'department'; unitCode: string };

export type ActionPath =
  | 'dispatch'
  | 'transfer-up'
  | 'verification'
  | 'signoff'
  | 'recheck'
  | 'classification'
  | 'rectification'
  | 'rectification/signoff'
  | 'rectification/accept'
  | 'referral-outcome'
  | 'rule';

export type Step =
  | {
      kind: 'act';
      /** Counted under this name in the summary. */
      name: string;
      path: ActionPath;
      actor: Actor;
      body: Record<string, unknown>;
      /** A refusal the simulator provokes on purpose: the HTTP status it must get. */
      refusedWith?: number;
      /** Bookkeeping once the action is done (or refused as expected). */
      mark?: Partial<Progress>;
    }
  /** Waiting for something no person does for this clue (the project's re-check draw). */
  | { kind: 'wait'; reason: 'sampling' }
  /** Nothing more to do: the clue is where its plan ends. */
  | { kind: 'done' };

export interface PlanContext {
  /** Streets and management zones. */
  units: string[];
  /** The project's responsible department. */
  departmentOf: (projectNo: number) => string;
}

export function planClue(rng: Rng, clue: { clueNo: string; projectNo: number; unitCode?: string; amountInvolved: number }, shares: Shares, ctx: PlanContext): CluePlan {
  const r = rng;
  const importedUnit = clue.unitCode;
  const otherUnit = (not?: string) => {
    const choices = ctx.units.filter((u) => u !== not);
    return r.pick(choices);
  };
  const dispatchTo = importedUnit ? undefined : otherUnit();
  const reassignTo = r.chance(shares.reassign) ? otherUnit(importedUnit ?? dispatchTo) : undefined;
  const transfer = r.chance(shares.transfer);
  const roll = r.next();
  const conclusion: Conclusion = roll < shares.unsubstantiated ? 'unsubstantiated' : roll < shares.unsubstantiated + shares.partial ? 'partially_substantiated' : 'substantiated';
  const dispositions: Disposition[] = [];
  if (r.chance(shares.referral)) dispositions.push('referral');
  if (dispositions.length === 0 || r.chance(0.7)) dispositions.push('rectification');
  if (r.chance(shares.ruleBuilding)) dispositions.push('rule_building');
  const plan: CluePlan = {
    clueNo: clue.clueNo,
    projectNo: clue.projectNo,
    importedUnit,
    dispatchTo,
    reassignTo,
    transfer,
    invalidTeam: r.chance(shares.invalidTeam),
    conclusion,
    signoffReject: r.chance(shares.signoffReject),
    overturn: r.chance(shares.overturn),
    dispositions: DISPOSITIONS.filter((d) => dispositions.includes(d)),
    rectificationInterim: r.chance(shares.rectificationInterim),
    rectificationReturned: r.chance(shares.rectificationReturned),
    serious: conclusion !== 'unsubstantiated' && r.chance(shares.serious / Math.max(0.01, 1 - shares.unsubstantiated)),
    amountInvolved: clue.amountInvolved,
  };
  if (!transfer && r.chance(shares.late)) {
    // Where work is left undone: a unit that never verified, a leader who never signed, a task force
    // that never classified, a disposition never finished; a clue nobody dispatched.
    const candidates: Stage[] = ['verifying', 'verifying', 'awaiting_signoff'];
    if (!importedUnit) candidates.push('received');
    if (conclusion !== 'unsubstantiated') candidates.push('classifying', 'disposing');
    plan.stopAt = r.pick(candidates);
  }
  return plan;
}

/** Where the clue ends when everyone does what its plan says. */
export function expectedFinalStage(plan: CluePlan): Stage {
  if (plan.stopAt) return plan.stopAt;
  return plan.transfer ? 'transferred' : 'closed';
}

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗';

/** A verification team as 二(二) asks: a leader, two members, no village or community cadre. */
function team(seed: number, withCadre = false) {
  const n = (k: number) => SURNAMES[(seed + k * 7) % SURNAMES.length];
  return [
    { name: `${n(0)}组长`, role: 'leader', kind: 'cadre' },
    { name: `${n(1)}干事`, role: 'member', kind: 'cadre' },
    withCadre ? { name: `${n(2)}书记`, role: 'member', kind: 'community_cadre' } : { name: `${n(2)}专员`, role: 'member', kind: 'staff' },
  ];
}

function hash(s: string): number {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return h >>> 0;
}

export function verificationBody(plan: CluePlan, withCadre = false): Record<string, unknown> {
  const h = hash(plan.clueNo);
  const finds = plan.conclusion !== 'unsubstantiated';
  const confirmed = Math.round(plan.amountInvolved * (plan.conclusion === 'substantiated' ? 1 : 0.4) * 100) / 100;
  // One clue in five: the subject has died, so there is no statement to hear (a method left out, with its reason).
  const omitStatement = h % 5 === 0;
  return {
    team: team(h, withCadre),
    standards: [...VERIFICATION_STANDARDS],
    methods: omitStatement ? VERIFICATION_METHODS.filter((m) => m !== 'subject_statement') : [...VERIFICATION_METHODS],
    ...(omitStatement ? { methodsOmitted: [{ method: 'subject_statement', reason: '核查对象已死亡，无法听取本人陈述，已询问其近亲属' }] } : {}),
    conclusion: plan.conclusion,
    findings: finds ? '经入户走访、调取原始档案和银行流水，疑点属实，存在违规领取情况' : '经入户核实和查阅原始资料，核查对象符合享受条件，系比对数据口径差异',
    ...(finds
      ? {
          amountConfirmed: confirmed,
          violationType: (['false_claims', 'false_claims', 'embezzlement', 'favouritism', 'other'] as const)[h % 5],
          personsInvolved: [{ name: `${SURNAMES[h % SURNAMES.length]}某`, category: h % 4 === 0 ? 'village_cadre' : 'beneficiary' }],
          evidence: [
            { kind: 'record', ref: `询问笔录 ${plan.clueNo}` },
            { kind: 'bank_statement', ref: `银行流水 ${plan.clueNo}` },
          ],
        }
      : {}),
    ...(plan.serious ? { seriousProblem: '涉及村干部优亲厚友、多人连续多年冒领' } : {}),
  };
}

function recheckBody(plan: CluePlan, verifyingUnit: string | null, units: string[]): Record<string, unknown> {
  const seconded = units.find((u) => u !== verifyingUnit) ?? units[0];
  const base = {
    team: [
      { name: '区复核组长', role: 'leader', kind: 'cadre' },
      { name: '区复核员', role: 'member', kind: 'staff' },
      { name: '抽调复核员', role: 'member', kind: 'cadre', unitCode: seconded },
    ],
    standards: [...VERIFICATION_STANDARDS],
    methods: [...VERIFICATION_METHODS],
  };
  if (!plan.overturn) return { ...base, result: 'confirmed', findings: '复核组重新入户核实，原核查结论准确' };
  return {
    ...base,
    result: 'overturned',
    findings: '复核发现原核查未入户、未调取银行流水，对象实际不符合享受条件',
    conclusion: 'substantiated',
    amountConfirmed: plan.amountInvolved,
    evidence: [{ kind: 'record', ref: `复核询问笔录 ${plan.clueNo}` }],
  };
}

const DISPOSITION_REASON: Record<Disposition, string> = {
  referral: '涉嫌违规违纪，需追究责任',
  rectification: '一般性违规问题，由核查单位组织整改纠正、追回资金',
  rule_building: '同类问题多发，属系统性问题，需主管部门建章立制',
};

/**
 * The next thing a person does to the clue, given its plan, where it stands and what the journey did.
 * Late work stops at its stage; an unsubstantiated clue waits for its project's draw.
 */
export function nextStep(plan: CluePlan, now: ClueNow, done: Progress, ctx: PlanContext): Step {
  const unit = now.unitCode;
  if (plan.stopAt === now.stage) return { kind: 'done' };
  switch (now.stage) {
    case 'received':
      return { kind: 'act', name: 'dispatch', path: 'dispatch', actor: { role: 'coordinator' }, body: { unitCode: plan.dispatchTo ?? ctx.units[0], reason: '按属地分派' }, mark: { dispatched: true } };
    case 'verifying':
      if (plan.reassignTo && !done.reassigned && unit !== plan.reassignTo) {
        return { kind: 'act', name: 'reassign', path: 'dispatch', actor: { role: 'coordinator' }, body: { unitCode: plan.reassignTo, reason: '对象户籍在另一街道，改派属地核查' }, mark: { reassigned: true } };
      }
      if (plan.transfer) {
        return { kind: 'act', name: 'transfer-up', path: 'transfer-up', actor: { role: 'coordinator' }, body: { reason: '涉及人员干部管理权限在本区以外，上报市纪委监委' } };
      }
      if (plan.invalidTeam && !done.invalidTried) {
        return { kind: 'act', name: 'verification (community cadre on team)', path: 'verification', actor: { role: 'unit_officer', unitCode: unit! }, body: verificationBody(plan, true), refusedWith: 422, mark: { invalidTried: true } };
      }
      return { kind: 'act', name: 'verification', path: 'verification', actor: { role: 'unit_officer', unitCode: unit! }, body: verificationBody(plan) };
    case 'awaiting_signoff':
      if (plan.signoffReject && !done.signoffRejected) {
        return { kind: 'act', name: 'signoff (send back)', path: 'signoff', actor: { role: 'unit_leader', unitCode: unit! }, body: { approve: false, comment: '证据不足，请补充银行流水后重新报送' }, mark: { signoffRejected: true } };
      }
      return { kind: 'act', name: 'signoff', path: 'signoff', actor: { role: 'unit_leader', unitCode: unit! }, body: { approve: true, comment: '同意' } };
    case 'awaiting_sampling':
      return { kind: 'wait', reason: 'sampling' };
    case 'rechecking':
      return { kind: 'act', name: plan.overturn ? 'recheck (overturn)' : 'recheck (confirm)', path: 'recheck', actor: { role: 'rechecker' }, body: recheckBody(plan, unit, ctx.units) };
    case 'classifying':
      return {
        kind: 'act',
        name: 'classification',
        path: 'classification',
        actor: { role: 'coordinator' },
        body: { dispositions: plan.dispositions, reason: plan.dispositions.map((d) => DISPOSITION_REASON[d]).join('；') },
      };
    case 'disposing':
      return dispositionStep(plan, now, done, ctx);
    default:
      return { kind: 'done' };
  }
}

function dispositionStep(plan: CluePlan, now: ClueNow, done: Progress, ctx: PlanContext): Step {
  const open = now.dispositions.filter((d) => !now.completedDispositions.includes(d));
  const unit = now.unitCode!;
  if (open.includes('rectification')) {
    const recovered = Math.round(plan.amountInvolved * 0.8 * 100) / 100;
    if (done.rectification === 'none' && plan.rectificationInterim) {
      return { kind: 'act', name: 'rectification (in progress)', path: 'rectification', actor: { role: 'unit_officer', unitCode: unit }, body: { measures: '已停发补贴，正在追缴', completed: false }, mark: { rectification: 'interim' } };
    }
    if (done.rectification === 'none' || done.rectification === 'interim') {
      return {
        kind: 'act',
        name: 'rectification (completed)',
        path: 'rectification',
        actor: { role: 'unit_officer', unitCode: unit },
        body: { measures: '已停发补贴，追回违规资金，对经办人员批评教育', amountRecovered: recovered, completed: true },
        mark: { rectification: 'complete' },
      };
    }
    if (done.rectification === 'complete') {
      if (plan.rectificationReturned && !done.rectificationReturned) {
        return {
          kind: 'act',
          name: 'rectification signoff (send back)',
          path: 'rectification/signoff',
          actor: { role: 'unit_leader', unitCode: unit },
          body: { approve: false, comment: '追回金额与银行回单不符，请核对后重报' },
          mark: { rectificationReturned: true, rectification: 'interim' },
        };
      }
      return { kind: 'act', name: 'rectification signoff', path: 'rectification/signoff', actor: { role: 'unit_leader', unitCode: unit }, body: { approve: true, comment: '同意' }, mark: { rectification: 'approved' } };
    }
    return { kind: 'act', name: 'rectification accept', path: 'rectification/accept', actor: { role: 'coordinator' }, body: { comment: '整改到位，同意销号' } };
  }
  if (open.includes('referral')) {
    return { kind: 'act', name: 'referral outcome', path: 'referral-outcome', actor: { role: 'discipline' }, body: { caseNo: `黄港纪〔2024〕${plan.clueNo.slice(-4)}号`, outcome: '给予党内警告处分，责令退还违规资金', personsHandled: 1 } };
  }
  if (open.includes('rule_building')) {
    const dept = ctx.departmentOf(plan.projectNo);
    return { kind: 'act', name: 'rule building', path: 'rule', actor: { role: 'department', unitCode: dept }, body: { title: '补贴发放数据比对常态化制度', summary: '每季度与殡葬、车辆、不动产、工商登记数据比对一次，发现疑点即停发核实' } };
  }
  return { kind: 'done' };
}
