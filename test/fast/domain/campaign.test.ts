/**
 * Who is who in a campaign document (domain/campaign): the verifying bodies (核查主体, 二(一); 三(三))
 * and the report recipients (四、有关要求: 分别报区纪委监委和区政数局), read from the plan as written.
 */
import { RECHECK_GROUP_CODE, reportRecipientCodes, verifyingBodyCodes } from '../../../domain/campaign';
import { plan } from '../support/clue';

describe('the campaign’s bodies', () => {
  it('takes 区纪委监委 and 区政数局 as the report recipients, by the names the plan gives them', () => {
    expect(plan.reportRecipients).toEqual(['区纪委监委', '区政数局']);
    expect(reportRecipientCodes(plan)).toEqual(['discipline', 'data']);
    expect(reportRecipientCodes({ ...plan, reportRecipients: ['discipline'] })).toEqual(['discipline']);
    expect(reportRecipientCodes({ ...plan, reportRecipients: undefined })).toEqual([]);
  });

  it('lets every street, management zone and department but the recipients verify', () => {
    const bodies = verifyingBodyCodes(plan);
    expect(bodies.slice(0, 6)).toEqual(['hsg-jd', 'syg-jd', 'sjy-jd', 'hqq-jd', 'hh-jd', 'jb-glq']);
    expect(bodies.slice(6)).toEqual(['edu', 'civil', 'hrss', 'housing', 'water', 'health', 'veterans', 'emergency', 'medins', 'union', 'disabled']);
    expect(bodies).not.toContain(RECHECK_GROUP_CODE);
  });
});
