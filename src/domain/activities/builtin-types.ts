import { recordTypeDefinitionSchema, type FieldDefinitionInput, type RecordTypeDefinition } from './definition.js';

/**
 * The record types the product ships: what a district does for the evaluation's indicators (DOMAIN.md), Korean
 * names first. Each record's date is its `occurred_on` (the day of the visit, fair, course start, survey, …).
 * Counts are whole numbers from 0; amounts are whole won.
 */
type Opts = Partial<Omit<FieldDefinitionInput, 'key' | 'label' | 'type'>>;

const field =
  (type: FieldDefinitionInput['type'], defaults: Opts) =>
  (key: string, ko: string, en: string, opts: Opts = {}): FieldDefinitionInput => ({
    key,
    label: { ko, en },
    type,
    required: true,
    ...defaults,
    ...opts,
  });

const text = field('text', {});
const longtext = field('longtext', { required: false });
const count = field('integer', { min: 0 });
const money = field('money', { min: 0, unit: '원' });
const number = field('number', { min: 0 });
const date = field('date', { required: false });
const flag = field('boolean', { required: false });
const choice = (key: string, ko: string, en: string, options: string[], opts: Opts = {}) => field('enum', { options })(key, ko, en, opts);

const builtinInputs = [
  {
    code: 'company_visit',
    name: { ko: '기업방문', en: 'Company visit' },
    description: { ko: '일자리·지역경제 활성화를 위한 관내 기업 방문', en: 'Visits to local companies for jobs and the local economy' },
    fields: [
      text('company_name', '기업명', 'Company name', { maxLength: 100 }),
      text('industry', '업종', 'Industry', { required: false, maxLength: 100 }),
      choice('purpose', '방문 목적', 'Purpose', ['구인 지원', '애로 해소', '정책 안내', '기타']),
      count('jobs_found', '발굴 일자리 수', 'Jobs found', { unit: '개' }),
      flag('follow_up', '후속 조치 여부', 'Follow-up'),
    ],
  },
  {
    code: 'job_fair',
    name: { ko: '취업박람회·구인구직 만남의 날', en: 'Job fair and job-matching day' },
    fields: [
      choice('kind', '구분', 'Kind', ['취업박람회', '구인구직 만남의 날', '채용설명회']),
      text('name', '행사명', 'Event name', { maxLength: 150 }),
      count('companies', '참여 기업 수', 'Participating companies', { unit: '개' }),
      count('job_seekers', '참여 구직자 수', 'Job seekers', { unit: '명' }),
      count('interviews', '현장 면접 수', 'On-site interviews', { unit: '건', required: false }),
      count('hires', '채용 인원', 'Hires', { unit: '명', maxField: 'job_seekers' }),
    ],
  },
  {
    code: 'training_course',
    name: { ko: '취업역량 교육', en: 'Employability training course' },
    fields: [
      text('name', '과정명', 'Course name', { maxLength: 150 }),
      choice('target_group', '교육 대상', 'Target group', ['장년층', '경력단절여성', '청년', '기타']),
      count('enrolled', '수강 인원', 'Enrolled', { unit: '명' }),
      count('completed', '수료 인원', 'Completed', { unit: '명', maxField: 'enrolled' }),
      count('employed', '취업 인원 (수료 후 6개월 이내)', 'Employed within 6 months of completion', { unit: '명', maxField: 'completed' }),
    ],
  },
  {
    code: 'se_enterprise',
    name: { ko: '사회적경제기업', en: 'Social-economy enterprise' },
    fields: [
      text('name', '기업명', 'Enterprise name', { maxLength: 150 }),
      choice('kind', '기업 유형', 'Kind', ['사회적기업', '예비사회적기업', '협동조합', '사회적협동조합', '마을기업', '자활기업']),
      date('certified_on', '인증·지정일', 'Certified on'),
      flag('is_new', '신규 발굴·육성 여부', 'Newly discovered or fostered', { required: true }),
      count('jobs', '고용 인원', 'Jobs', { unit: '명' }),
      money('yearly_sales', '연 매출액', 'Yearly sales', { required: false }),
    ],
  },
  {
    code: 'public_procurement',
    name: { ko: '공공구매', en: 'Public procurement' },
    description: {
      ko: '구청 부서의 물품·용역 구매 중 사회적경제기업 제품 구매',
      en: 'District purchases, and the share bought from social-economy enterprises',
    },
    fields: [
      text('department', '구매 부서', 'Purchasing department', { maxLength: 100 }),
      text('item', '품목', 'Item', { maxLength: 150 }),
      money('total_amount', '총 구매액', 'Total purchases'),
      money('se_amount', '사회적경제기업 제품 구매액', 'Purchases from social-economy enterprises', { maxField: 'total_amount' }),
    ],
  },
  {
    code: 'incubation_space',
    name: { ko: '입주공간', en: 'Incubation space' },
    fields: [
      text('space_name', '공간명', 'Space name', { maxLength: 150 }),
      number('area_m2', '면적', 'Area', { unit: '㎡', required: false }),
      count('tenants', '입주 기업 수', 'Tenant enterprises', { unit: '개' }),
      count('new_tenants', '신규 입주 기업 수', 'New tenants', { unit: '개', required: false, maxField: 'tenants' }),
    ],
  },
  {
    code: 'market_support',
    name: { ko: '판로 지원', en: 'Market-access support' },
    fields: [
      text('name', '사업명', 'Programme name', { maxLength: 150 }),
      count('enterprises', '지원 기업 수', 'Enterprises supported', { unit: '개' }),
      money('sales', '판매액', 'Sales', { required: false }),
    ],
  },
  {
    code: 'youth_job_experience',
    name: { ko: '청년인재 직무체험', en: 'Youth job experience' },
    fields: [
      text('program', '사업명', 'Programme', { maxLength: 150 }),
      count('participants', '참여 인원', 'Participants', { unit: '명' }),
      count('completed', '수료 인원', 'Completed', { unit: '명', maxField: 'participants' }),
      count('employed_private', '민간 취업 인원', 'Employed in the private sector', { unit: '명', maxField: 'participants' }),
    ],
  },
  {
    code: 'se_education',
    name: { ko: '사회적경제 교육·홍보', en: 'Social-economy education and promotion' },
    fields: [
      text('name', '행사명', 'Event name', { maxLength: 150 }),
      choice('kind', '구분', 'Kind', ['교육', '홍보행사', '캠페인']),
      count('participants', '참여 인원', 'Participants', { unit: '명' }),
    ],
  },
  {
    code: 'job_placement',
    name: { ko: '일자리센터 취업알선', en: 'Job-centre placements' },
    description: { ko: '월별 취업알선 실적', en: 'Monthly referrals and placements' },
    fields: [
      text('month', '기준 월', 'Month', { format: 'year_month', maxLength: 7 }),
      count('referrals', '알선 건수', 'Referrals', { unit: '건' }),
      count('placements', '취업 건수', 'Placements', { unit: '건', maxField: 'referrals' }),
    ],
  },
  {
    code: 'dawn_shelter',
    name: { ko: '새벽인력쉼터 운영', en: 'Dawn labour shelter' },
    fields: [
      text('shelter_name', '쉼터명', 'Shelter name', { maxLength: 150 }),
      count('days_open', '운영 일수', 'Days open', { unit: '일', max: 366 }),
      count('users', '이용 인원', 'Users', { unit: '명' }),
    ],
  },
  {
    code: 'worker_survey',
    name: { ko: '노동자 실태조사', en: 'Worker survey' },
    fields: [
      choice('target', '조사 대상', 'Surveyed workers', ['청소노동자', '경비노동자', '기타']),
      count('respondents', '응답자 수', 'Respondents', { unit: '명' }),
      longtext('findings', '주요 결과', 'Findings'),
    ],
  },
  {
    code: 'facility_improvement',
    name: { ko: '휴게시설 개선', en: 'Rest-facility improvement' },
    fields: [
      text('site', '개선 장소', 'Site', { maxLength: 150 }),
      count('workers_benefited', '수혜 노동자 수', 'Workers benefited', { unit: '명' }),
      money('cost', '사업비', 'Cost', { required: false }),
    ],
  },
  {
    code: 'governance_mou',
    name: { ko: '일자리 거버넌스 협약', en: 'Job governance agreement' },
    description: { ko: '민·관·학 일자리 거버넌스 협약과 운영', en: 'Public–private–academic job governance agreements and their meetings' },
    fields: [
      text('name', '협약명', 'Agreement', { maxLength: 150 }),
      count('partners', '참여 기관 수', 'Partner institutions', { unit: '개', min: 1 }),
      longtext('partner_names', '참여 기관', 'Partner names'),
      count('meetings', '회의 개최 횟수', 'Meetings held', { unit: '회' }),
    ],
  },
  {
    code: 'best_practice',
    name: { ko: '우수사례', en: 'Best practice' },
    fields: [
      text('title', '제목', 'Title', { maxLength: 200 }),
      longtext('summary', '내용 요약', 'Summary', { required: true }),
      text('indicator_code', '관련 지표 코드', 'Related indicator code', { required: false, maxLength: 16 }),
    ],
  },
  {
    code: 'public_job_program',
    name: { ko: '공공일자리 사업', en: 'Public job programme' },
    fields: [
      text('program', '사업명', 'Programme', { maxLength: 150 }),
      count('participants', '참여 인원', 'Participants', { unit: '명' }),
      count('employed_private', '민간 취업 연계 인원', 'Moved to private jobs', { unit: '명', maxField: 'participants' }),
    ],
  },
];

/** The built-in record types, parsed (so a mistake here fails at start-up, not when a district saves). */
export const builtinRecordTypes: readonly RecordTypeDefinition[] = builtinInputs.map((d) => recordTypeDefinitionSchema.parse(d));

export const builtinRecordTypeCodes: readonly string[] = builtinRecordTypes.map((d) => d.code);
