/**
 * A campaign's ledger at scale, generated straight into PostgreSQL (INSERT … SELECT generate_series):
 * what the dashboard benchmark reads. The rows follow a running campaign's shape — skewed projects,
 * most clues dispatched, stages from received to closed, one in seven open clues overdue at some
 * escalation level, conclusions, samples and amounts consistent with the stage, a verification
 * record of a realistic size — plus two timeline events per clue and some report sign-offs.
 * The campaign itself (units, departments, projects) is created through the API first.
 */
import type { Database } from '../db/database';

/** The first instant past each deadline, in ms (the ledger's `next_deadline`). */
export interface Deadlines {
  mobilization: number;
  verification: number;
  recheck: number;
  rectification: number;
}

export async function generateLedgerRows(db: Database, campaignId: string, prefix: string, count: number, units: string[], deadlines: Deadlines): Promise<void> {
  const iso = (ms: number) => new Date(ms).toISOString();
  await db.query(`SELECT setseed(0.42)`);
  await db.query(
    `INSERT INTO clues (campaign_id, clue_no, project_no, unit_code, verifying_unit_code, subject_name, subject_id_no, community,
                        clue_type, description, amount_involved, amount_confirmed, amount_recovered, issued_at, stage, conclusion,
                        dispositions, completed_dispositions, overdue, next_deadline, escalation_level, verification_inaccurate,
                        sampled, violation_type, record, seq, workflow_started_at, closed_at, closed_by, closed_reason, imported_at, updated_at)
     SELECT $1, clue_no, project_no, unit_code, CASE WHEN conclusion IS NOT NULL THEN unit_code END,
            subject_name, subject_id_no, community, clue_type, description, amount,
            CASE WHEN conclusion IN ('substantiated', 'partially_substantiated') THEN round(amount * 0.8, 2) END,
            CASE WHEN stage = 'closed' AND conclusion IN ('substantiated', 'partially_substantiated') THEN round(amount * 0.6, 2) END,
            DATE '2024-07-20', stage, conclusion,
            CASE WHEN stage IN ('disposing', 'closed') AND conclusion <> 'unsubstantiated' THEN '["rectification"]'::jsonb ELSE '[]'::jsonb END,
            CASE WHEN stage = 'closed' AND conclusion <> 'unsubstantiated' THEN '["rectification"]'::jsonb ELSE '[]'::jsonb END,
            overdue,
            CASE stage WHEN 'received' THEN $3::timestamptz
                       WHEN 'verifying' THEN $4::timestamptz WHEN 'awaiting_signoff' THEN $4::timestamptz
                       WHEN 'awaiting_sampling' THEN $5::timestamptz WHEN 'rechecking' THEN $5::timestamptz
                       WHEN 'classifying' THEN $6::timestamptz WHEN 'disposing' THEN $6::timestamptz END
              + make_interval(hours => (r6 * 120)::int),
            CASE WHEN overdue THEN 1 + floor(r5 * 4)::int ELSE 0 END,
            conclusion IS NOT NULL AND conclusion <> 'unsubstantiated' AND r5 < 0.03,
            CASE WHEN stage = 'rechecking' THEN true WHEN stage = 'closed' AND conclusion = 'unsubstantiated' THEN r6 < 0.2
                 WHEN conclusion = 'unsubstantiated' THEN NULL ELSE NULL END,
            CASE WHEN conclusion IN ('substantiated', 'partially_substantiated') THEN (ARRAY['false_claims', 'embezzlement', 'other'])[1 + floor(r6 * 3)::int] END,
            CASE WHEN conclusion IS NULL THEN '{}'::jsonb ELSE jsonb_build_object(
              'verification', jsonb_build_object(
                'team', jsonb_build_object('leader', '核查组长' || (i % 97), 'members', jsonb_build_array('组员甲' || (i % 89), '组员乙' || (i % 83))),
                'methods', '["records", "visit", "interview"]'::jsonb,
                'conclusion', conclusion,
                'findings', '经入户走访、比对民政与社保数据，核实该对象' || subject_name || '于2023年度情况如下：' || repeat('相关补贴发放记录与登记信息比对一致。', 4),
                'evidence', jsonb_build_array(jsonb_build_object('name', '走访记录.pdf', 'sha256', md5(clue_no) || md5(clue_no)))),
              'signoff', jsonb_build_object('by', '单位主要领导', 'at', '2024-08-20T02:00:00Z'),
              'recheck', CASE WHEN stage = 'closed' AND conclusion = 'unsubstantiated' AND r6 < 0.2 THEN jsonb_build_object('outcome', 'confirmed', 'by', '复核组') ELSE 'null'::jsonb END)
            END,
            3, now(),
            CASE WHEN stage = 'closed' THEN $7::timestamptz END,
            CASE WHEN stage = 'closed' THEN '区专班' END,
            CASE WHEN stage = 'closed' THEN '核查完毕，销号' END,
            now() - interval '30 days', now()
       FROM (
         SELECT i, r5, r6, format('%s-%s', $2::text, lpad(i::text, 7, '0')) AS clue_no,
                1 + floor(30 * power(r1, 1.8))::int AS project_no,
                unit_code, stage,
                CASE WHEN stage IN ('awaiting_sampling', 'rechecking') THEN 'unsubstantiated'
                     WHEN stage IN ('classifying', 'disposing') THEN CASE WHEN r4 < 0.7 THEN 'substantiated' ELSE 'partially_substantiated' END
                     WHEN stage = 'closed' THEN CASE WHEN r4 < 0.6 THEN 'unsubstantiated' WHEN r4 < 0.9 THEN 'substantiated' ELSE 'partially_substantiated' END
                END AS conclusion,
                stage NOT IN ('closed', 'transferred') AND mod(floor(r4 * 10000)::int, 7) = 0 AS overdue,
                substr('王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗', 1 + (i % 20), 1) || '某' || CASE WHEN i % 3 = 0 THEN '某' ELSE '' END AS subject_name,
                '420202' || (1940 + i % 60) || lpad((1 + i % 12)::text, 2, '0') || lpad((1 + i % 28)::text, 2, '0') || lpad((i % 1000)::text, 3, '0') || (i % 10) AS subject_id_no,
                '第' || (1 + floor(r6 * 40)::int) || '社区' AS community,
                (ARRAY['死亡人员仍领取补贴', '财政供养人员违规领取', '名下有车辆仍享受救助', '重复领取', '有工商登记仍享受补贴'])[1 + i % 5] AS clue_type,
                '省大数据监察系统比对发现疑点：' || (ARRAY['死亡人员仍领取补贴', '财政供养人员违规领取', '名下有车辆仍享受救助', '重复领取', '有工商登记仍享受补贴'])[1 + i % 5] || '，请核实。' AS description,
                round((300 + power(r6, 3) * 50000)::numeric, 2) AS amount
           FROM (
             SELECT i, r1, r4, r5, r6,
                    CASE WHEN r2 < 0.03 THEN NULL ELSE ($8::text[])[1 + floor(power(r2, 1.3) * cardinality($8::text[]))::int] END AS unit_code,
                    CASE WHEN r2 < 0.03 THEN 'received'
                         WHEN r3 < 0.30 THEN 'verifying' WHEN r3 < 0.40 THEN 'awaiting_signoff' WHEN r3 < 0.52 THEN 'awaiting_sampling'
                         WHEN r3 < 0.55 THEN 'rechecking' WHEN r3 < 0.60 THEN 'classifying' WHEN r3 < 0.75 THEN 'disposing'
                         WHEN r3 < 0.98 THEN 'closed' ELSE 'transferred' END AS stage
               FROM (SELECT i, random() AS r1, random() AS r2, random() AS r3, random() AS r4, random() AS r5, random() AS r6
                       FROM generate_series(1, $9::int) i) g0
           ) g1
       ) g`,
    [campaignId, prefix, iso(deadlines.mobilization), iso(deadlines.verification), iso(deadlines.recheck), iso(deadlines.rectification), iso(deadlines.verification - 3 * 86_400_000), units, count],
  );
  // The timeline: the import, and the dispatch of every dispatched clue.
  await db.query(
    `INSERT INTO clue_events (campaign_id, clue_no, seq, at, actor_name, actor_role, actor_unit, action, detail)
     SELECT campaign_id, clue_no, 1, imported_at, '区专班', 'coordinator', NULL, 'imported', jsonb_build_object('projectNo', project_no) FROM clues WHERE campaign_id = $1
     UNION ALL
     SELECT campaign_id, clue_no, 2, imported_at + interval '1 day', '区专班', 'coordinator', NULL, 'dispatched', jsonb_build_object('unitCode', unit_code)
       FROM clues WHERE campaign_id = $1 AND unit_code IS NOT NULL`,
    [campaignId],
  );
  // Half the units have signed their special report.
  await db.query(
    `INSERT INTO report_signoffs (campaign_id, subject_type, unit_code, seq, signed_by, figures)
     SELECT $1, 'unit', code, 1, jsonb_build_object('name', name || '主要领导'), '{}'::jsonb FROM units WHERE campaign_id = $1 AND code = ANY($2)`,
    [campaignId, units.filter((_, i) => i % 2 === 0)],
  );
  await db.query(`ANALYZE clues`);
  await db.query(`ANALYZE clue_events`);
}
