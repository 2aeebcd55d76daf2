/** The Chinese names of stored codes (domain/labels) a district clerk reads. */
import { DISPOSITION_LABELS, labelOf, OUTBOX_KIND_LABELS, ROLE_LABELS, STAGE_LABELS, STANDARD_LABELS, yesNo } from '../../../domain/labels';
import { DISPOSITIONS, OUTBOX_KINDS, ROLES, STAGES, VERIFICATION_STANDARDS } from '../../../domain/vocabulary';

describe('labelOf', () => {
  it('names a known code', () => {
    expect(labelOf(STAGE_LABELS, 'closed')).toBe('已销号');
    expect(labelOf(DISPOSITION_LABELS, 'referral')).toBe('移交纪检监察机关');
  });

  it('shows a code it does not know as it is, rather than an empty cell that hides it', () => {
    expect(labelOf(STAGE_LABELS, 'archived')).toBe('archived');
  });

  it('shows nothing for no code', () => {
    for (const none of [null, undefined, '']) expect(labelOf(STAGE_LABELS, none)).toBe('');
  });

  it('has a label for every stage, disposition, role, standard and mail kind', () => {
    expect(Object.keys(STAGE_LABELS).sort()).toEqual([...STAGES].sort());
    expect(Object.keys(DISPOSITION_LABELS).sort()).toEqual([...DISPOSITIONS].sort());
    expect(Object.keys(ROLE_LABELS).sort()).toEqual([...ROLES].sort());
    expect(Object.keys(OUTBOX_KIND_LABELS).sort()).toEqual([...OUTBOX_KINDS].sort());
    // 二(二): the five standards in the plan's own words and order.
    expect(VERIFICATION_STANDARDS.map((s) => STANDARD_LABELS[s]).join('、')).toBe('逐条逐项、见人见事、证据扎实、分析精准、意见具体');
  });
});

describe('yesNo', () => {
  it('answers 是 / 否, and nothing while the question does not arise', () => {
    expect([true, false, null, undefined].map(yesNo)).toEqual(['是', '否', '', '']);
  });
});
