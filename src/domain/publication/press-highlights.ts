import { activityTotalsOfUnit } from '../../db/repositories/activities.js';
import type { DbOrTx } from '../../db/tx.js';
import { defaultDataPeriod } from '../cycles.js';

const won = new Intl.NumberFormat('ko-KR');

/**
 * One line per notable activity of each district, from its activity records in the cycle's data period — the
 * "what the winner did" paragraph of a press release (governance MOUs, matching days and hires, training and
 * employment, social-economy procurement, shelters, surveys).
 */
export async function activityHighlights(db: DbOrTx, year: number, codes: readonly string[]): Promise<Array<{ orgUnitCode: string; lines: string[] }>> {
  const period = defaultDataPeriod(year);
  const out: Array<{ orgUnitCode: string; lines: string[] }> = [];
  for (const code of codes) {
    const rows = await activityTotalsOfUnit(db, code, period.start, period.end);
    const by = new Map(rows.map((r) => [r.type, r]));
    const lines: string[] = [];
    const g = by.get('governance_mou');
    if (g && g.partners > 0) lines.push(`민·관·학 일자리 거버넌스 협약 (${g.partners}개 기관 참여)`);
    const f = by.get('job_fair');
    if (f) lines.push(`취업박람회·구인구직 만남의 날 ${f.n}회 개최, 현장 채용 ${won.format(f.hires)}명`);
    const t = by.get('training_course');
    if (t && t.completed > 0) lines.push(`장년층·경력단절여성 등 취업역량 교육 수료 ${won.format(t.completed)}명 중 ${won.format(t.employed)}명 취업`);
    const p = by.get('public_procurement');
    if (p && p.seAmount > 0) lines.push(`사회적경제기업 제품 공공구매 ${won.format(Math.round(p.seAmount / 1e6))}백만 원`);
    const y = by.get('youth_job_experience');
    if (y && y.participants > 0) lines.push(`청년인재 사회적경제 직무체험 ${won.format(y.participants)}명 참여`);
    if (by.get('dawn_shelter')) lines.push('새벽인력쉼터 상시 운영');
    if (by.get('worker_survey')) lines.push('청소노동자 등 취약 노동자 근로환경 실태조사 및 휴게시설 개선');
    const v = by.get('company_visit');
    if (v) lines.push(`일자리·지역경제 활성화를 위한 관내 기업 ${won.format(v.n)}곳 방문`);
    out.push({ orgUnitCode: code, lines: lines.slice(0, 5) });
  }
  return out;
}
