import type { IndicatorGuidance } from '../definition.js';

/**
 * 평가 편람 of the 2019 indicators, by indicator code: what each indicator means, its formula in words (the raw
 * value only; how the value becomes points is said by the method, shown next to it), the evidence a district
 * files, the items that count or the points to check, and notes. Kept apart from framework-2019.ts so that the
 * formulas and their explanation can be edited side by side; a test reads both and checks that every record type a
 * formula uses is named in its words.
 */
type Text = { ko: string; en: string };
const t = (ko: string, en: string): Text => ({ ko, en });

/** "인구 10만 명당": the cycle year's resident population of the district (imported reference data). */
const PER_100K = t(
  '인구는 평가 연도의 자치구 주민등록인구(기준 데이터)를 씁니다. 그 연도 인구가 없으면 계산되지 않습니다.',
  'The population is the district’s registered population in the cycle year (reference data); without it the value cannot be computed.',
);

/** The panel indicators: a rubric of plan 30, delivery 40, impact 30, each on anchored levels 1–5 (`subject` with its object particle). */
function panelGuidance(subject: Text, evidence: Text[]): IndicatorGuidance {
  return {
    definition: t(
      `${subject.ko} 심사위원단이 평가 기준표에 따라 심사하는 정성 지표입니다.`,
      `A qualitative indicator: the panel assesses ${subject.en} against the rubric.`,
    ),
    formula: t(
      '심사위원마다 계획의 충실성(30)·추진 실적(40)·성과·파급 효과(30)를 1–5단계로 평가해 100점 만점 합계를 내고, 심사위원이 5명 이상이면 최고·최저 점수를 하나씩 뺀 평균을 지표 점수로 씁니다.',
      'Each reviewer rates plan (30), delivery (40) and results and spread (30) on levels 1–5, giving a total out of 100; with five or more reviewers the highest and lowest totals are dropped and the rest averaged.',
    ),
    evidence,
    checklist: [
      t('계획: 목표·대상·추진 일정이 구체적인가', 'Plan: are aims, target groups and schedule concrete?'),
      t('추진 실적: 계획한 사업을 실제로 추진했고 실적이 확인되는가', 'Delivery: was the plan carried out, with results on record?'),
      t(
        '성과·파급 효과: 주민·기업에 나타난 변화와 다른 자치구로 확산할 가치',
        'Results and spread: changes for residents or companies, worth spreading to other districts?',
      ),
    ],
    notes: t(
      '심사는 블라인드로 진행되며 심사위원은 자치구 이름을 보지 않습니다. 제출 자료에 자치구를 드러내는 표현을 넣지 않습니다.',
      'Reviews are blind: reviewers do not see the district’s name. Keep the district’s name out of the material.',
    ),
  };
}

export const guidance2019: Record<string, IndicatorGuidance> = {
  S1: {
    definition: t(
      '구청 부서의 물품·용역 구매 가운데 사회적경제기업 제품을 구매한 비율로, 사회적경제기업의 공공 판로를 얼마나 넓혔는지를 봅니다.',
      'The share of the district office’s purchases of goods and services bought from social-economy enterprises: how far the district opened public markets to them.',
    ),
    formula: t(
      '‘공공구매’ 기록의 사회적경제기업 제품 구매액 합계 ÷ 총 구매액 합계 × 100 (%).',
      'Sum of purchases from social-economy enterprises ÷ sum of total purchases, over the ‘public procurement’ records, × 100 (%).',
    ),
    evidence: [
      t('부서별 구매 실적 목록 (품목·금액)', 'Purchases by department (items and amounts)'),
      t('사회적경제기업 구매분의 계약서 또는 세금계산서', 'Contracts or tax invoices of the purchases from social-economy enterprises'),
      t('구매처의 사회적경제기업 인증·지정서 사본', 'Certification of the suppliers as social-economy enterprises'),
    ],
    checklist: [
      t('평가 기간 안에 구매한 건만 넣었다', 'Only purchases within the evaluation period'),
      t('구매처가 구매 당시 사회적경제기업이었다', 'The supplier was a social-economy enterprise at the time'),
      t('총 구매액과 사회적경제기업 구매액을 같은 기준(부가가치세 포함 여부)으로 적었다', 'Both amounts on the same basis (VAT included or not)'),
    ],
    notes: t('사회적경제기업 구매액은 같은 기록의 총 구매액보다 클 수 없습니다.', 'The social-economy amount cannot exceed the total of the same record.'),
  },
  S2: {
    definition: t(
      '평가 기간에 새로 발굴하거나 육성한 사회적경제기업의 수를 인구 규모로 나눠 비교합니다.',
      'Social-economy enterprises newly found or fostered in the period, compared across districts per head of population.',
    ),
    formula: t(
      '‘사회적경제기업’ 기록 중 ‘신규 발굴·육성 여부’가 예인 기업 수 ÷ 인구 × 100,000 (개/10만명).',
      'Number of ‘social-economy enterprise’ records marked newly found or fostered ÷ population × 100,000 (per 100,000 residents).',
    ),
    evidence: [
      t('신규 기업 목록 (기업명·유형·인증·지정일)', 'List of new enterprises (name, kind, date certified)'),
      t('인증서·지정서 또는 설립 신고 사본', 'Certificates, designations or registration'),
      t('구의 발굴·육성 지원 내역 (컨설팅·교육·공간 등)', 'The district’s support given (consulting, training, space …)'),
    ],
    checklist: [
      t('신규 여부를 정확히 표시했다 (기존 기업은 아니오)', 'New flag set correctly (existing enterprises: no)'),
      t('같은 기업을 두 번 등록하지 않았다', 'No enterprise entered twice'),
    ],
    notes: PER_100K,
  },
  S3: {
    definition: t(
      '관내 사회적경제기업의 매출이 전년보다 얼마나 늘었는지로 시장 확대를 봅니다.',
      'Market growth: how much the sales of the district’s social-economy enterprises grew on the year before.',
    ),
    formula: t(
      '‘사회적경제기업’ 기록의 연 매출액 합계를 전년 합계와 비교한 증가율: (올해 합계 − 전년 합계) ÷ 전년 합계 × 100 (%).',
      'Growth of the summed yearly sales of the ‘social-economy enterprise’ records on the previous year: (this year − last year) ÷ last year × 100 (%).',
    ),
    evidence: [
      t('기업별 연 매출액 자료 (재무제표 또는 부가가치세 과세표준증명)', 'Yearly sales per enterprise (financial statements or VAT base certificates)'),
      t('전년과 같은 기업 범위를 보여 주는 목록', 'A list showing the same set of enterprises as the year before'),
    ],
    checklist: [
      t('매출액을 모든 기업에 입력했다 (빈칸은 합계에서 빠짐)', 'Sales entered for every enterprise (blanks are left out of the sum)'),
      t('전년 자료가 입력되어 있다', 'The previous year’s records are on file'),
    ],
    notes: t('전년 자료가 없거나 전년 합계가 0이면 계산되지 않습니다.', 'Without the previous year, or with a previous sum of 0, there is no value.'),
  },
  S4: {
    definition: t(
      '구가 제공한 입주공간과 판로 지원으로 도움을 받은 사회적경제기업 수입니다.',
      'Social-economy enterprises helped with incubation space and market access by the district.',
    ),
    formula: t(
      '‘입주공간’ 기록의 입주 기업 수 합계 + ‘판로 지원’ 기록의 지원 기업 수 합계 (개).',
      'Sum of tenant enterprises over the ‘incubation space’ records + sum of enterprises supported over the ‘market-access support’ records.',
    ),
    evidence: [
      t('입주공간별 입주 기업 명단과 입주 계약', 'Tenant lists and tenancy agreements per space'),
      t('판로 지원 사업별 지원 기업 명단 (박람회·온라인몰 입점 등)', 'Enterprises supported per market-access programme (fairs, online shops …)'),
    ],
    checklist: [t('평가 기간에 입주했거나 지원받은 기업만 셌다', 'Only enterprises housed or supported during the period')],
    notes: t(
      '한 기업이 입주공간과 판로 지원을 모두 받으면 두 번 셉니다. 사업 단위로 나눠 적어도 합계는 같습니다.',
      'An enterprise both housed and supported counts twice. Splitting a programme into several records does not change the sum.',
    ),
  },
  S5: {
    definition: t(
      '청년인재 직무체험 사업에 참여한 청년 수를 인구 규모로 나눠 비교합니다.',
      'Young people taking part in the youth job-experience programme, per head of population.',
    ),
    formula: t(
      '‘청년인재 직무체험’ 기록의 참여 인원 합계 ÷ 인구 × 100,000 (명/10만명). ‘사회적경제 교육·홍보’ 참여 인원은 S8에서만 셉니다.',
      'Sum of participants over the ‘youth job experience’ records ÷ population × 100,000 (per 100,000 residents). Participants of ‘social-economy education and promotion’ count in S8 only.',
    ),
    evidence: [
      t('사업별 참여자 명단 (개인정보는 가림)', 'Participant lists per programme (personal data masked)'),
      t('참여 기관·기업과의 협약서', 'Agreements with host organisations'),
    ],
    checklist: [t('같은 사람을 여러 사업에 중복해 세지 않았다', 'Nobody counted twice across programmes')],
    notes: PER_100K,
  },
  S6: panelGuidance(t('민관이 함께 사회적경제 생태계를 조성한 노력을', 'the public–private building of a social-economy ecosystem'), [
    t('민관 협력 추진 계획서', 'Public–private cooperation plan'),
    t('협의체 회의록·협약서', 'Minutes and agreements of the partnership'),
    t('성과 자료 (지원 기업·참여 기관 변화)', 'Results (enterprises supported, partners joining)'),
  ]),
  S7: panelGuidance(t('자치구가 특화해 추진한 사회적경제 우수사례를', 'the district’s own best practice in social economy'), [
    t('우수사례 요약서 (배경·추진 내용·성과)', 'Summary of the practice (background, actions, results)'),
    t('사진·보도자료 등 추진 근거', 'Photos, press releases or other proof'),
  ]),
  S8: {
    definition: t(
      '사회적경제 교육·홍보 행사에 참여한 주민 수로 주민 인식 확산을 봅니다.',
      'Residents reached by social-economy education and promotion, as a measure of awareness.',
    ),
    formula: t(
      '‘사회적경제 교육·홍보’ 기록(교육·홍보행사·캠페인 모두)의 참여 인원 합계 ÷ 인구 × 100,000 (명/10만명).',
      'Sum of participants over all ‘social-economy education and promotion’ records (education, events and campaigns) ÷ population × 100,000 (per 100,000 residents).',
    ),
    evidence: [t('행사별 참여자 명부 또는 집계표', 'Attendance lists or counts per event'), t('행사 사진·홍보물', 'Photos and promotional material')],
    checklist: [t('온라인 조회 수가 아니라 실제 참여 인원을 적었다', 'Actual participants, not online views')],
    notes: PER_100K,
  },
  J1: {
    definition: t(
      '일자리 발굴과 지역경제 활성화를 위해 구청이 관내 기업을 방문한 실적입니다.',
      'Visits by the district office to local companies to find jobs and support the local economy.',
    ),
    formula: t('‘기업방문’ 기록의 건수 (건).', 'Number of ‘company visit’ records.'),
    evidence: [
      t('방문 일지 (일자·기업·목적·결과)', 'Visit log (date, company, purpose, outcome)'),
      t('방문 사진 또는 기업 확인서', 'Photos or the company’s confirmation'),
    ],
    checklist: [
      t('방문 한 번을 한 건으로 적었다 (같은 기업 재방문은 다른 날짜의 새 건)', 'One record per visit (a return visit is a new record with its own date)'),
      t('전화·전자우편 상담은 넣지 않았다', 'No phone or e-mail contacts'),
    ],
    notes: t('2019년 신설 지표입니다.', 'New in 2019.'),
  },
  J2: {
    definition: t(
      '일자리 목표 공시제로 공시한 연간 일자리 목표를 얼마나 달성했는지 봅니다.',
      'Achievement of the yearly job targets the district published under the job-target disclosure scheme.',
    ),
    formula: t(
      '달성 실적 ÷ 공시한 목표 × 100 (%). 활동 기록으로 계산하지 않고 구가 값을 직접 입력합니다.',
      'Jobs achieved ÷ published target × 100 (%), entered by the district (not computed from records).',
    ),
    evidence: [t('공시한 일자리 목표 (공시문)', 'The published targets'), t('목표 항목별 달성 실적 집계표', 'Achievement per target item')],
    checklist: [t('공시한 목표와 같은 항목·기준으로 실적을 집계했다', 'Achievement counted on the same items and basis as the targets')],
  },
  J3: {
    definition: t(
      '취업박람회와 구인구직 만남의 날(19데이 등)을 통해 실제 채용으로 이어진 인원을 인구 규모로 나눠 비교합니다. 행사를 자주 열수록 채용이 늘면 점수도 오릅니다.',
      'People actually hired through job fairs and matching days (such as the monthly 19-day), per head of population: holding more events that lead to hires raises the score.',
    ),
    formula: t(
      '‘취업박람회·구인구직 만남의 날’ 기록의 채용 인원 합계 ÷ 인구 × 100,000 (명/10만명).',
      'Sum of hires over the ‘job fair and job-matching day’ records ÷ population × 100,000 (hires per 100,000 residents).',
    ),
    evidence: [
      t('행사별 참여 기업·구직자 명단', 'Companies and job seekers per event'),
      t('채용 확인서 또는 기업의 채용 결과 회신', 'Hiring confirmations from the companies'),
    ],
    checklist: [
      t('채용 인원은 행사에서 연계되어 실제 채용된 사람만 셌다', 'Hires: only people actually hired through the event'),
      t('채용 인원이 참여 구직자 수를 넘지 않는다', 'Hires do not exceed the job seekers taking part'),
    ],
    notes: PER_100K,
  },
  J4: {
    definition: t(
      '장년층과 경력단절여성을 대상으로 한 취업역량 교육이 실제 취업으로 이어졌는지 봅니다.',
      'Whether employability training for older workers and career-interrupted women led to jobs.',
    ),
    formula: t(
      '‘취업역량 교육’ 기록 중 교육 대상이 장년층 또는 경력단절여성인 과정의 취업 인원(수료 후 6개월 이내) 합계 ÷ 수료 인원 합계 × 100 (%).',
      'Over the ‘employability training course’ records for older workers or career-interrupted women: sum employed within 6 months of completion ÷ sum completed × 100 (%).',
    ),
    evidence: [
      t('과정별 수료자 명단', 'Completion lists per course'),
      t('취업 확인 자료 (고용보험 가입 이력 등)', 'Proof of employment (employment-insurance records …)'),
    ],
    checklist: [
      t('교육 대상을 정확히 골랐다 (청년·기타 과정은 이 지표에 들지 않음)', 'Target group chosen correctly (youth and other courses do not count here)'),
      t('취업은 수료 후 6개월 이내만 셌다', 'Jobs within 6 months of completion only'),
    ],
  },
  J5: {
    definition: t(
      '일자리센터의 취업알선으로 취업한 건수를 인구 규모로 나눠 비교합니다.',
      'Placements made by the district’s job centre, per head of population.',
    ),
    formula: t(
      '‘일자리센터 취업알선’ 기록(월별)의 취업 건수 합계 ÷ 인구 × 100,000 (건/10만명).',
      'Sum of placements over the monthly ‘job-centre placements’ records ÷ population × 100,000.',
    ),
    evidence: [t('월별 알선·취업 집계 (워크넷 등 전산 자료)', 'Monthly referral and placement counts (e.g. from WorkNet)')],
    checklist: [t('한 달에 한 건씩, 빠진 달 없이 입력했다', 'One record per month, no month missing')],
    notes: PER_100K,
  },
  J6: {
    definition: t(
      '민·관·학 일자리 거버넌스를 실제로 운영했는지를 회의 개최 횟수로 봅니다.',
      'Whether the public–private–academic job governance actually meets: the number of meetings held.',
    ),
    formula: t('‘일자리 거버넌스 협약’ 기록의 회의 개최 횟수 합계 (회).', 'Sum of meetings held over the ‘job governance agreement’ records.'),
    evidence: [
      t('협약서 (참여 기관 명단)', 'The agreements (partner institutions)'),
      t('회의별 회의록과 참석자 명단', 'Minutes and attendance of each meeting'),
    ],
    checklist: [
      t('회의록이 있는 회의만 셌다', 'Only meetings with minutes'),
      t('같은 회의를 여러 협약에 나눠 적지 않았다', 'No meeting entered under more than one agreement'),
    ],
    notes: t('참여 기관 수는 참고로 적지만 점수에는 들어가지 않습니다.', 'Partner institutions are recorded for reference but do not count.'),
  },
  J7: {
    definition: t(
      '청년 일자리 사업을 마친 청년이 민간 일자리로 옮겨 간 비율입니다.',
      'The share of young people completing youth job programmes who moved to private jobs.',
    ),
    formula: t(
      '‘청년인재 직무체험’ 기록의 민간 취업 인원 합계 ÷ 수료 인원 합계 × 100 (%).',
      'Sum employed in the private sector ÷ sum completed, over the ‘youth job experience’ records, × 100 (%).',
    ),
    evidence: [t('사업별 수료자 명단', 'Completion lists per programme'), t('민간 취업 확인 자료', 'Proof of private employment')],
    checklist: [t('민간 취업은 공공일자리·재참여를 빼고 셌다', 'Private jobs only (no public jobs, no re-enrolment)')],
  },
  J8: {
    definition: t(
      '새벽 인력시장 노동자, 청소노동자 등 취약계층 노동자를 보호하는 체계를 갖췄는지 네 가지 항목으로 봅니다.',
      'Whether the district protects vulnerable workers (dawn labour markets, cleaning workers and others), counted over four items.',
    ),
    formula: t(
      '네 항목의 합 (0–4개 항목): ① ‘새벽인력쉼터 운영’ 운영 일수 ÷ 250 (1을 넘으면 1, 일부 운영은 소수로 인정) ② 청소노동자 대상 ‘노동자 실태조사’ 1건 이상이면 1 ③ 그 밖의 노동자 대상 실태조사 1건 이상이면 1 ④ ‘휴게시설 개선’ 1건 이상이면 1.',
      'Sum of four items (0–4): (1) the ‘dawn labour shelter’ days open ÷ 250, at most 1 (part-year operation counts in part); (2) 1 for at least one ‘worker survey’ of cleaning workers; (3) 1 for at least one survey of other workers; (4) 1 for at least one ‘rest-facility improvement’.',
    ),
    evidence: [
      t('새벽인력쉼터 운영 일지 (운영 일수·이용 인원)', 'Shelter log (days open, users)'),
      t('실태조사 결과 보고서 (조사 대상·응답자 수)', 'Survey reports (workers surveyed, respondents)'),
      t('휴게시설 개선 전후 사진과 준공·정산 자료', 'Before/after photos and completion records of the facility work'),
    ],
    checklist: [
      t('새벽인력쉼터 운영 (250일 이상 운영하면 1개 항목, 그보다 적으면 비례)', 'Dawn labour shelter (1 item at 250 days or more, in proportion below)'),
      t('청소노동자 실태조사 1건 이상', 'At least one survey of cleaning workers'),
      t('그 밖의 노동자 실태조사 1건 이상 (경비노동자 등)', 'At least one survey of other workers (e.g. security guards)'),
      t('휴게시설 개선 1건 이상', 'At least one rest-facility improvement'),
    ],
    notes: t(
      '청소노동자 조사는 ②에서만 셉니다. 같은 항목의 기록을 더 넣어도 항목 점수는 1을 넘지 않습니다.',
      'A cleaning-worker survey counts under (2) only. More records for the same item never take it above 1.',
    ),
  },
  J9: {
    definition: t('공공일자리 사업 참여자가 민간 일자리로 옮겨 간 비율입니다.', 'The share of public job programme participants who moved to private jobs.'),
    formula: t(
      '‘공공일자리 사업’ 기록의 민간 취업 연계 인원 합계 ÷ 참여 인원 합계 × 100 (%).',
      'Sum moved to private jobs ÷ sum of participants, over the ‘public job programme’ records, × 100 (%).',
    ),
    evidence: [t('사업별 참여자 명단', 'Participant lists per programme'), t('민간 취업 확인 자료', 'Proof of private employment')],
    checklist: [t('참여 인원은 사업 기간 중 실제 참여자 수다 (중도 포기 포함)', 'Participants: everyone who actually took part (drop-outs included)')],
  },
  J10: {
    definition: t('일자리사업 예산을 계획대로 집행했는지 봅니다.', 'Whether the job programme budget was spent as planned.'),
    formula: t(
      '일자리사업 예산 집행액 ÷ 예산 현액 × 100 (%). 구가 값을 직접 입력합니다.',
      'Job programme spending ÷ budget × 100 (%), entered by the district.',
    ),
    evidence: [t('일자리사업 예산 현액과 집행액 (회계 결산 자료)', 'Budget and spending of the job programmes (accounts)')],
    checklist: [t('이월·불용액을 빼고 평가 연도 집행액만 적었다', 'Spending of the cycle year only (no carry-overs)')],
  },
  J11: {
    definition: t(
      '생활임금과 노동존중 시책을 얼마나 이행했는지 다섯 가지 항목 가운데 이행한 항목 수로 봅니다.',
      'How many of five living-wage and labour-respect measures the district carried out.',
    ),
    formula: t(
      '아래 점검 항목 가운데 이행한 항목 수 (0–5개 항목). 구가 값을 직접 입력하고 항목마다 증빙을 첨부합니다.',
      'Number of the checklist items carried out (0–5), entered by the district with evidence for each.',
    ),
    evidence: [t('항목별 이행 근거 (조례·고시·계획서·결과 보고)', 'Proof per item (by-law, notice, plan, report)')],
    checklist: [
      t('생활임금 조례 시행과 구 소속 노동자 생활임금 적용', 'Living-wage by-law in force and applied to the district’s own workers'),
      t('출자·출연기관과 민간위탁 노동자까지 생활임금 적용 확대', 'Living wage extended to funded bodies and contracted-out workers'),
      t('비정규직의 정규직 전환 계획 수립·이행', 'Plan to convert non-regular to regular jobs, carried out'),
      t('노동권익센터 설치·운영 또는 노동 상담 창구 운영', 'Labour-rights centre or labour advice desk in operation'),
      t('노동인권 교육 실시 (공무원·주민 대상)', 'Labour-rights education (staff and residents)'),
    ],
    notes: t(
      '예시 재구성 평가 체계의 항목입니다. 증빙이 없는 항목은 이행으로 보지 않습니다.',
      'Items of the illustrative reconstruction. An item without evidence does not count.',
    ),
  },
  J12: panelGuidance(t('일자리사업의 성과와 혁신 우수사례를', 'best practice in job programme results and innovation'), [
    t('우수사례 요약서 (배경·추진 내용·성과)', 'Summary of the practice (background, actions, results)'),
    t('성과를 보여 주는 통계·사진·보도자료', 'Statistics, photos or press coverage of the results'),
  ]),
};
