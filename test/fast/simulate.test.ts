/**
 * The simulator's pure parts: the same seed gives the same campaign, the clues pass the import's
 * checks (ID check character, projects 1–30, known units), and a clue's journey ends where its plan says.
 */
import { idNumberProblem } from '../../domain/idno';
import { generateClue, type ClueGenOptions } from '../../scripts/simulate/clues';
import { DEFAULT_SHARES, expectedFinalStage, freshProgress, nextStep, planClue, type ClueNow, type CluePlan } from '../../scripts/simulate/journey';
import { Rng } from '../../scripts/simulate/rng';
import { parseArgs } from '../../scripts/simulate';

const units = ['hsg-jd', 'syg-jd', 'sjy-jd', 'hqq-jd', 'hh-jd', 'jb-glq'];
const departmentOf = (p: number) => (p <= 3 ? 'edu' : p <= 8 ? 'civil' : 'hrss');
const gen: ClueGenOptions = { campaignId: 'sim-7', count: 2000, units, departmentOf, undispatchedShare: 0.1, departmentShare: 0.06, startDate: '2024-08-01', issuedDays: 3 };
const ctx = { units, departmentOf };

describe('simulated clues', () => {
  const clues = Array.from({ length: 2000 }, (_, i) => generateClue(new Rng(7), i, gen));

  it('are the same for the same seed and differ for another', () => {
    expect(generateClue(new Rng(7), 42, gen)).toEqual(clues[42]);
    expect(generateClue(new Rng(8), 42, gen)).not.toEqual(clues[42]);
  });

  it('carry well-formed ID numbers, projects 1–30 skewed towards the big programmes, and known units', () => {
    expect(clues.filter((c) => idNumberProblem(c.subjectIdNo) !== null)).toEqual([]);
    const perProject = new Map<number, number>();
    for (const c of clues) perProject.set(c.projectNo, (perProject.get(c.projectNo) ?? 0) + 1);
    expect([...perProject.keys()].every((p) => p >= 1 && p <= 30)).toBe(true);
    expect(perProject.get(16)!).toBeGreaterThan(5 * (perProject.get(7) ?? 0));
    expect(clues.every((c) => c.unitCode === undefined || units.includes(c.unitCode) || c.unitCode === departmentOf(c.projectNo))).toBe(true);
    expect(clues.filter((c) => c.unitCode === undefined).length).toBeGreaterThan(100);
    expect(new Set(clues.map((c) => c.clueNo)).size).toBe(clues.length);
  });
});

describe("a clue's journey", () => {
  /** A clue that does what it is told: enough of the workflow's stages to walk a plan to its end. */
  function walk(plan: CluePlan, drawn: boolean): { stage: string; steps: string[] } {
    const now: ClueNow = { stage: plan.importedUnit ? 'verifying' : 'received', unitCode: plan.importedUnit ?? null, dispositions: [], completedDispositions: [] };
    const done = freshProgress();
    const steps: string[] = [];
    let conclusion = plan.conclusion;
    for (let i = 0; i < 40; i++) {
      const step = nextStep(plan, now, done, ctx);
      if (step.kind === 'done') break;
      if (step.kind === 'wait') {
        now.stage = drawn ? 'rechecking' : 'closed';
        continue;
      }
      steps.push(step.name);
      Object.assign(done, step.mark ?? {});
      if (step.refusedWith) continue;
      const b = step.body as Record<string, any>;
      switch (step.path) {
        case 'dispatch':
          now.unitCode = b.unitCode;
          now.stage = 'verifying';
          break;
        case 'transfer-up':
          now.stage = 'transferred';
          break;
        case 'verification':
          conclusion = b.conclusion;
          now.stage = 'awaiting_signoff';
          break;
        case 'signoff':
          now.stage = !b.approve ? 'verifying' : conclusion === 'unsubstantiated' ? 'awaiting_sampling' : 'classifying';
          break;
        case 'recheck':
          now.stage = b.result === 'confirmed' ? 'closed' : 'classifying';
          break;
        case 'classification':
          now.dispositions = b.dispositions;
          now.stage = 'disposing';
          break;
        case 'rectification/accept':
          now.completedDispositions.push('rectification');
          break;
        case 'referral-outcome':
          now.completedDispositions.push('referral');
          break;
        case 'rule':
          now.completedDispositions.push('rule_building');
          break;
      }
      if (now.stage === 'disposing' && now.dispositions.every((d) => now.completedDispositions.includes(d))) now.stage = 'closed';
    }
    return { stage: now.stage, steps };
  }

  it('ends where its plan says, drawn or not, for every plan of a seeded campaign', () => {
    const rng = new Rng(3);
    for (let i = 0; i < 3000; i++) {
      const c = generateClue(new Rng(3), i, gen);
      const plan = planClue(rng.fork(i), c, DEFAULT_SHARES, ctx);
      for (const drawn of [true, false]) expect({ clueNo: plan.clueNo, stage: walk(plan, drawn).stage }).toEqual({ clueNo: plan.clueNo, stage: expectedFinalStage(plan) });
    }
  });

  it('tries a forbidden team first when the plan says so, and expects 422', () => {
    const plan = planClue(new Rng(1), { clueNo: 'X-1', projectNo: 4, unitCode: 'hsg-jd', amountInvolved: 1000 }, { ...DEFAULT_SHARES, invalidTeam: 1, late: 0, transfer: 0, reassign: 0 }, ctx);
    const step = nextStep(plan, { stage: 'verifying', unitCode: 'hsg-jd', dispositions: [], completedDispositions: [] }, freshProgress(), ctx);
    expect(step).toMatchObject({ kind: 'act', path: 'verification', refusedWith: 422 });
    expect(walk(plan, false).steps.slice(0, 2)).toEqual(['verification (community cadre on team)', 'verification']);
  });
});

describe('npm run simulate arguments', () => {
  it('reads counts, shares and the target, and refuses what it does not know', () => {
    const { opts, url } = parseArgs(['--clues', '50', '--late', '0.3', '--url', 'http://localhost:3000', '--seed', '9']);
    expect(opts).toMatchObject({ clues: 50, seed: 9, shares: { ...DEFAULT_SHARES, late: 0.3 } });
    expect(url).toBe('http://localhost:3000');
    expect(() => parseArgs(['--bogus', '1'])).toThrow(/unknown flag --bogus/);
    expect(() => parseArgs(['--late', '2'])).toThrow(/share/);
  });
});
