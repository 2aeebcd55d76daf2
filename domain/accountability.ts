/**
 * Accountability items (问责事项) for the discipline commission: what reaches it of the campaign's own
 * work done falsely or badly (三(四) 对监督检查工作中工作不实、弄虚作假等问题进行追责问责; 四(二) 问题严重的
 * 将移交纪检监察机关; 四(三) 严肃执纪问责). An item names who did the work and who vouched for it, so the
 * commission can act on people, not on a clue number; it records its own outcome on the item.
 */
import type { Evidence, TeamMember } from './verification';
import type { AccountabilitySource, Actor, NoticeSeverity } from './vocabulary';

/** Who a person acting was, as the item names them. */
export interface NamedActor {
  name: string;
  role: string;
  unitCode?: string;
}

export interface AccountabilityDraft {
  source: AccountabilitySource;
  /** Unique per cause, so a retried write opens it once: the clue's event, or the notice. */
  sourceKey: string;
  /** The unit or department (or the re-check group) whose work it is about. */
  subjectCode: string;
  clueNos: string[];
  /** One line a person reads first. */
  summary: string;
  /** Who did and vouched for the work in question. */
  people: {
    team?: TeamMember[];
    submittedBy?: NamedActor | null;
    signedBy?: NamedActor | null;
    recheckedBy?: NamedActor | null;
    filedBy?: NamedActor | null;
  };
  /** What was found: the re-check's findings and evidence, or the notice's finding. */
  finding: string;
  evidence?: Evidence[];
}

/** A person as a record names them: name, role, and unit when they have one. */
export const namedActor = (a: Actor): NamedActor => ({ name: a.name, role: a.role, ...(a.unitCode ? { unitCode: a.unitCode } : {}) });
const named = (a: Actor | undefined | null): NamedActor | null => (a ? namedActor(a) : null);

/** What a clue's record holds that an overturned re-check must name. */
export interface OverturnedClue {
  clueNo: string;
  /** The unit or department whose verification was overturned. */
  verifyingUnitCode: string;
  verification?: { team: TeamMember[]; by: Actor };
  /** The leader's approving sign-off of that verification. */
  signoff?: { by: Actor; approve: boolean };
  recheck?: { findings: string; by: Actor; evidence?: Evidence[] };
}

/**
 * 核查不实 (三(四) 工作不实、弄虚作假): a re-check overturned a 查否 conclusion, so the verification
 * signed off as nothing found had found nothing because it was not done properly — or said so falsely.
 * The item names the team, the officer who submitted it and the leader who signed it.
 */
export function overturnedRecheckItem(c: OverturnedClue, sourceKey: string): AccountabilityDraft {
  return {
    source: 'recheck_overturned',
    sourceKey,
    subjectCode: c.verifyingUnitCode,
    clueNos: [c.clueNo],
    summary: `线索 ${c.clueNo} 经复核推翻原查否结论，原核查（${c.verifyingUnitCode}）涉嫌核查不实`,
    people: {
      team: c.verification?.team ?? [],
      submittedBy: named(c.verification?.by),
      signedBy: c.signoff?.approve ? named(c.signoff.by) : null,
      recheckedBy: named(c.recheck?.by),
    },
    finding: c.recheck?.findings ?? '',
    ...(c.recheck?.evidence?.length ? { evidence: c.recheck.evidence } : {}),
  };
}

/** The gravest notices go to discipline (四(二) 问题严重的将移交纪检监察机关). */
export const opensAccountability = (severity: NoticeSeverity): boolean => severity === 'grave';

export function graveNoticeItem(n: { id: string; subjectCode: string; clueNos: string[]; finding: string; by: Actor }): AccountabilityDraft {
  return {
    source: 'grave_notice',
    sourceKey: `notice#${n.id}`,
    subjectCode: n.subjectCode,
    clueNos: n.clueNos,
    summary: `巡查督导组严重通报 ${n.subjectCode}，依工作方案四(二)移交纪检监察机关`,
    people: { filedBy: named(n.by) },
    finding: n.finding,
  };
}
