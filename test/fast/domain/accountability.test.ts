/**
 * What reaches the discipline commission (domain/accountability, 三(四) 工作不实、弄虚作假; 四(二) 问题
 * 严重的将移交纪检监察机关): an item names the people behind the work, not only a clue number.
 */
import { graveNoticeItem, opensAccountability, overturnedRecheckItem } from '../../../domain/accountability';
import { goodTeam, leader, officer, rechecker } from '../support/clue';

describe('accountability items', () => {
  it('names the verifying unit, the team, the officer who submitted and the leader who signed an overturned 查否', () => {
    const item = overturnedRecheckItem(
      {
        clueNo: 'O1',
        verifyingUnitCode: 'hsg-jd',
        verification: { team: goodTeam, by: officer },
        signoff: { by: leader, approve: true },
        recheck: { findings: '复核发现对象已死亡', by: rechecker, evidence: [{ kind: 'record', ref: '死亡证明' }] },
      },
      'clue-c-O1#4',
    );
    expect(item).toEqual({
      source: 'recheck_overturned',
      sourceKey: 'clue-c-O1#4',
      subjectCode: 'hsg-jd',
      clueNos: ['O1'],
      summary: '线索 O1 经复核推翻原查否结论，原核查（hsg-jd）涉嫌核查不实',
      people: {
        team: goodTeam,
        submittedBy: { name: '核查员', role: 'unit_officer', unitCode: 'hsg-jd' },
        signedBy: { name: '街道书记', role: 'unit_leader', unitCode: 'hsg-jd' },
        recheckedBy: { name: '复核员', role: 'rechecker' },
      },
      finding: '复核发现对象已死亡',
      evidence: [{ kind: 'record', ref: '死亡证明' }],
    });
  });

  it('opens one for a grave notice only, naming who filed it', () => {
    expect(['general', 'serious', 'grave'].map((s) => opensAccountability(s as never))).toEqual([false, false, true]);
    const item = graveNoticeItem({ id: 'n1', subjectCode: 'recheck-group', clueNos: [], finding: '复核走过场', by: { name: '巡查组', role: 'inspector' } });
    expect(item).toMatchObject({ source: 'grave_notice', sourceKey: 'notice#n1', subjectCode: 'recheck-group', people: { filedBy: { name: '巡查组', role: 'inspector' } } });
  });
});
