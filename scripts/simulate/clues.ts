/**
 * Believable clues for a simulated campaign (问题线索): Chinese names, ID numbers with a valid check
 * character, the plan's 30 projects with a skewed distribution, amounts, communities of the unit,
 * some handed to a department, some waiting for dispatch. The same seed gives the same clues.
 */
import type { ClueIn } from '../../api/clues/clue-import.dto';
import { withCheckCharacter } from '../../domain/idno';
import type { Rng } from './rng';

/** A clue as the import takes it (the API's own request type). */
export type SimClue = ClueIn;

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蔡蒋余';
const GIVEN = '伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华建国志强春梅玉兰德胜国华红梅金凤文斌海燕';

/**
 * How often each project turns up: a comparison run finds far more in the big subsidy and insurance
 * programmes (耕地地力保护补贴, 临时救助, 养老保险待遇, 大病保险 …) than in the small ones.
 */
const PROJECT_ORDER = [16, 4, 9, 26, 21, 14, 15, 1, 25, 12, 10, 23, 2, 11, 5, 19, 28, 13, 8, 3, 22, 24, 6, 17, 18, 20, 27, 29, 30, 7];
const PROJECT_WEIGHTS = PROJECT_ORDER.map((_, rank) => 1 / (rank + 1));

/** What the comparison found, by the register it matched against. */
const FINDINGS: Array<{ type: string; describe: (name: string, year: number) => string }> = [
  { type: '死亡人员仍领取补贴', describe: (n, y) => `比对殡葬火化数据，${n}已于${y}年死亡，仍在领取补助资金` },
  { type: '财政供养人员违规领取', describe: (n) => `比对财政供养人员名册，${n}为财政供养人员，同时享受该项补贴` },
  { type: '名下有车辆仍享受救助', describe: (n) => `比对车辆登记信息，${n}名下登记有非营运小型汽车一辆` },
  { type: '名下有商品房仍享受保障', describe: (n) => `比对不动产登记信息，${n}名下有商品住房` },
  { type: '有工商登记仍享受补贴', describe: (n) => `比对市场主体登记信息，${n}为在营企业法定代表人或股东` },
  { type: '重复领取', describe: (n) => `${n}在两个以上项目或地区重复享受同类补贴` },
  { type: '超标准发放', describe: (n) => `${n}的补助发放金额超过政策标准` },
];
const FINDING_WEIGHTS = [5, 3, 2, 1, 2, 2, 1];

/** A few communities of each unit (社区), by unit code; departments have none. */
const COMMUNITIES: Record<string, string[]> = {
  'hsg-jd': ['湖滨社区', '天津路社区', '红旗社区', '沿湖社区', '江滨社区'],
  'syg-jd': ['胜阳港社区', '广会社区', '王家里社区', '上窑社区'],
  'sjy-jd': ['沈家营社区', '西塞山路社区', '柯尔山社区', '澄月社区'],
  'hqq-jd': ['红旗桥社区', '市府社区', '师院社区', '湖滨路社区'],
  'hh-jd': ['花湖社区', '花湖新区社区', '江北社区'],
  'jb-glq': ['江北管理区第一社区', '江北管理区第二社区', '农科所社区'],
};

export interface ClueGenOptions {
  campaignId: string;
  count: number;
  /** Streets and management zones that verify clues (the campaign's units). */
  units: string[];
  /** Departments that may verify clues handed to them, by project (the project's responsible department). */
  departmentOf: (projectNo: number) => string | undefined;
  /** Share of clues imported without a verifying body: the task force dispatches them. */
  undispatchedShare: number;
  /** Share handed to the project's responsible department instead of a street. */
  departmentShare: number;
  /** The campaign's first day; issuedAt falls in the `issuedDays` days from it. */
  startDate: string;
  issuedDays: number;
}

function name(rng: Rng): string {
  const given = Array.from({ length: rng.chance(0.7) ? 2 : 1 }, () => rng.pick([...GIVEN])).join('');
  return rng.pick([...SURNAMES]) + given;
}

function idNumber(rng: Rng): string {
  const year = rng.int(1935, 2005);
  const month = rng.int(1, 12);
  const day = rng.int(1, 28);
  const seq = rng.int(0, 999);
  // 420202 黄石港区, 420203 西塞山区, 420281 大冶市 …: most are local, some moved in.
  const area = rng.pick(['420202', '420202', '420202', '420203', '420204', '420222', '420281']);
  return withCheckCharacter(`${area}${year}${String(month).padStart(2, '0')}${String(day).padStart(2, '0')}${String(seq).padStart(3, '0')}`);
}

function amount(rng: Rng): number {
  // Log-uniform from 120 to 60,000 yuan, in whole yuan most of the time.
  const v = Math.exp(Math.log(120) + rng.next() * (Math.log(60_000) - Math.log(120)));
  return rng.chance(0.8) ? Math.round(v) : Math.round(v * 100) / 100;
}

function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** Clue number i (0-based) of the campaign; deterministic in (seed, i). */
export function generateClue(rng: Rng, i: number, o: ClueGenOptions): SimClue {
  const r = rng.fork(i);
  const projectNo = PROJECT_ORDER[r.weighted(PROJECT_WEIGHTS)];
  const finding = FINDINGS[r.weighted(FINDING_WEIGHTS)];
  const subjectName = name(r);
  const department = o.departmentOf(projectNo);
  const undispatched = r.chance(o.undispatchedShare);
  const toDepartment = !undispatched && department !== undefined && r.chance(o.departmentShare);
  const unitCode = undispatched ? undefined : toDepartment ? department : r.pick(o.units);
  const communityUnit = unitCode && COMMUNITIES[unitCode] ? unitCode : r.pick(o.units);
  return {
    clueNo: `${o.campaignId.toUpperCase()}-${String(i + 1).padStart(6, '0')}`,
    projectNo,
    ...(unitCode ? { unitCode } : {}),
    subjectName,
    subjectIdNo: idNumber(r),
    community: r.pick(COMMUNITIES[communityUnit] ?? ['（无）']),
    clueType: finding.type,
    description: finding.describe(subjectName, r.int(2019, 2023)),
    amountInvolved: amount(r),
    issuedAt: addDays(o.startDate, r.int(0, Math.max(0, o.issuedDays - 1))),
  };
}
