/** How late a group of clues is, as one colour: the share of them past their deadline. */
export interface Lateness {
  background: string;
  color: string;
}

export const LATENESS_LEGEND: Array<{ label: string } & Lateness> = [
  { label: '无逾期', background: '#f0f9eb', color: '#303133' },
  { label: '逾期不足三分之一', background: '#fdf6ec', color: '#303133' },
  { label: '逾期三分之一以上', background: '#fbc4c4', color: '#303133' },
  { label: '逾期三分之二以上', background: '#f56c6c', color: '#ffffff' },
];

export function lateness(count: number, overdue: number): Lateness | null {
  if (count === 0) return null;
  const share = overdue / count;
  const [none, some, many, most] = LATENESS_LEGEND;
  return share === 0 ? none : share < 1 / 3 ? some : share < 2 / 3 ? many : most;
}
