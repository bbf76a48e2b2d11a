import { describe, expect, it } from 'vitest';
import {
  builtinRecordTypes,
  canReadRecords,
  canWriteRecords,
  parseRecordTypeDefinition,
  validateRecordData,
  validateRecordInput,
  type RecordTypeDefinition,
} from '../../src/domain/activities/index.js';
import type { Principal } from '../../src/domain/auth.js';
import type { Role } from '../../src/db/schema.js';
import { DomainError } from '../../src/domain/errors.js';

const type = (code: string): RecordTypeDefinition => builtinRecordTypes.find((t) => t.code === code)!;

function principal(...roles: [Role, string | null][]): Principal {
  return {
    user: {
      id: 1,
      username: 'u',
      displayName: 'u',
      isDemo: false,
      mustChangePassword: false,
      roles: roles.map(([role, orgUnitCode]) => ({ role, orgUnitCode })),
    },
    tokenHash: '',
    csrfToken: '',
  };
}

describe('built-in record types', () => {
  it('ships the sixteen types of the evaluation, Korean names first', () => {
    expect(builtinRecordTypes.map((t) => t.code)).toEqual([
      'company_visit',
      'job_fair',
      'training_course',
      'se_enterprise',
      'public_procurement',
      'incubation_space',
      'market_support',
      'youth_job_experience',
      'se_education',
      'job_placement',
      'dawn_shelter',
      'worker_survey',
      'facility_improvement',
      'governance_mou',
      'best_practice',
      'public_job_program',
    ]);
    expect(type('job_fair').name).toEqual({ ko: '취업박람회·구인구직 만남의 날', en: 'Job fair and job-matching day' });
    expect(type('job_fair').fields.find((f) => f.key === 'kind')!.options).toEqual(['취업박람회', '구인구직 만남의 날', '채용설명회']);
    expect(type('se_enterprise').fields.map((f) => [f.key, f.type])).toEqual([
      ['name', 'text'],
      ['kind', 'enum'],
      ['certified_on', 'date'],
      ['is_new', 'boolean'],
      ['jobs', 'integer'],
      ['yearly_sales', 'money'],
    ]);
  });
});

describe('record data validation', () => {
  it('accepts a valid company visit and trims text', () => {
    const r = validateRecordData(type('company_visit'), {
      company_name: '  (주)광진식품 ',
      purpose: '구인 지원',
      jobs_found: 3,
      follow_up: true,
    });
    expect(r).toEqual({ success: true, data: { company_name: '(주)광진식품', purpose: '구인 지원', jobs_found: 3, follow_up: true } });
  });

  it('names the field in Korean and English for each problem', () => {
    const r = validateRecordData(type('job_fair'), {
      kind: '박람회',
      name: '',
      companies: 2.5,
      job_seekers: -1,
      hires: 'many',
      extra: 1,
    });
    expect(r.success).toBe(false);
    if (r.success) return;
    expect(r.problems).toEqual([
      { path: 'data.extra', message: { ko: "'extra'는 이 실적 유형에 없는 항목입니다.", en: "'extra' is not a field of this record type." } },
      {
        path: 'data.kind',
        message: {
          ko: "'구분'(kind) 항목은 다음 중 하나여야 합니다: 취업박람회, 구인구직 만남의 날, 채용설명회.",
          en: "'Kind' (kind) must be one of: 취업박람회, 구인구직 만남의 날, 채용설명회.",
        },
      },
      { path: 'data.name', message: { ko: "'행사명'(name) 항목은 필수입니다.", en: "'Event name' (name) is required." } },
      {
        path: 'data.companies',
        message: { ko: "'참여 기업 수'(companies) 항목에는 정수를 입력하세요.", en: "'Participating companies' (companies) must be a whole number." },
      },
      {
        path: 'data.job_seekers',
        message: { ko: "'참여 구직자 수'(job_seekers) 항목은 0명 이상이어야 합니다.", en: "'Job seekers' (job_seekers) must be at least 0." },
      },
      { path: 'data.hires', message: { ko: "'채용 인원'(hires) 항목에는 숫자를 입력하세요.", en: "'Hires' (hires) must be a number." } },
    ]);
  });

  it('checks that social-economy purchases do not exceed total purchases', () => {
    const r = validateRecordData(type('public_procurement'), { department: '총무과', item: '도시락', total_amount: 1_000_000, se_amount: 1_500_000 });
    expect(r).toEqual({
      success: false,
      problems: [
        {
          path: 'data.se_amount',
          message: {
            ko: "'사회적경제기업 제품 구매액'(se_amount) 항목은 '총 구매액'(total_amount) 항목(1,000,000)보다 클 수 없습니다.",
            en: "'Purchases from social-economy enterprises' (se_amount) cannot exceed 'Total purchases' (total_amount) (1,000,000).",
          },
        },
      ],
    });
  });

  it('wants money in whole won, dates as YYYY-MM-DD and months as YYYY-MM', () => {
    const money = validateRecordData(type('market_support'), { name: '장터', enterprises: 3, sales: 1000.5 });
    expect(!money.success && money.problems[0]!.message.en).toBe("'Sales' (sales) must be an amount in whole won.");
    const date = validateRecordData(type('se_enterprise'), { name: 'A', kind: '마을기업', is_new: true, jobs: 1, certified_on: '2019-02-30' });
    expect(!date.success && date.problems[0]!.message.ko).toBe("'인증·지정일'(certified_on) 항목은 YYYY-MM-DD 형식의 날짜여야 합니다.");
    const month = validateRecordData(type('job_placement'), { month: '2019-13', referrals: 5, placements: 2 });
    expect(!month.success && month.problems[0]!.message.en).toBe("'Month' (month) must be written YYYY-MM (e.g. 2019-03).");
  });

  it('reads spreadsheet-style values when asked to coerce', () => {
    const r = validateRecordData(
      type('se_enterprise'),
      { name: 'A', kind: '사회적기업', certified_on: '2019.3.5', is_new: '예', jobs: '12', yearly_sales: '1,200,000원' },
      { coerce: true },
    );
    expect(r).toEqual({
      success: true,
      data: { name: 'A', kind: '사회적기업', certified_on: '2019-03-05', is_new: true, jobs: 12, yearly_sales: 1_200_000 },
    });
    expect(validateRecordData(type('se_enterprise'), { name: 'A', kind: '사회적기업', is_new: '예', jobs: '12' }).success).toBe(false);
  });

  it('takes the date from occurredOn, or from the field a custom type is dated by', () => {
    expect(validateRecordInput({ ...type('company_visit') }, { data: { company_name: 'A', purpose: '기타', jobs_found: 0 } })).toMatchObject({
      ok: false,
      problems: [{ path: 'occurredOn', message: { ko: "'실적 일자'(occurred_on) 항목은 필수입니다." } }],
    });
    const dated = parseRecordTypeDefinition({
      code: 'certification',
      name: { ko: '인증', en: 'Certification' },
      dateField: 'certified_on',
      fields: [
        { key: 'certified_on', label: { ko: '인증일', en: 'Certified on' }, type: 'date', required: true },
        { key: 'name', label: { ko: '기업명', en: 'Name' }, type: 'text' },
      ],
    });
    expect(validateRecordInput(dated, { data: { certified_on: '2019-05-01', name: 'A' } })).toEqual({
      ok: true,
      occurredOn: '2019-05-01',
      data: { certified_on: '2019-05-01', name: 'A' },
    });
  });
});

describe('record-type definitions', () => {
  it('lists every problem of a bad definition in both languages', () => {
    try {
      parseRecordTypeDefinition({
        code: 'Bad Code',
        name: { ko: '잘못', en: 'Bad' },
        dateField: 'when',
        fields: [
          { key: 'a', label: { ko: '가', en: 'A' }, type: 'enum' },
          { key: 'a', label: { ko: '가', en: 'A' }, type: 'text', min: 1 },
          { key: 'b', label: { ko: '나', en: 'B' }, type: 'enum', options: ['x', 'x'] },
          { key: 'c', label: { ko: '다', en: 'C' }, type: 'integer', maxField: 'a' },
        ],
      });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(DomainError);
      const problems = (e as DomainError).problems;
      expect(problems.map((p) => p.path)).toEqual([
        'code',
        'fields.0.options',
        'fields.1.key',
        'fields.1.min',
        'fields.2.options',
        'fields.3.maxField',
        'dateField',
      ]);
      expect(problems[0]!.message.ko).toMatch(/실적 유형 코드는/);
      expect(problems[2]!.message).toEqual({ ko: "항목 키 'a'가 중복됩니다.", en: "The field key 'a' is used twice." });
    }
  });
});

describe('who may read and write activity records', () => {
  const officer11215 = principal(['district_officer', '11215']);
  it('lets a district officer write only their own district', () => {
    expect(canWriteRecords(officer11215, '11215')).toBe(true);
    expect(canWriteRecords(officer11215, '11110')).toBe(false);
    expect(canReadRecords(officer11215, '11110')).toBe(false);
  });

  it('lets the approver read but not write, the auditor read all, the city admin do both', () => {
    expect(canWriteRecords(principal(['district_approver', '11215']), '11215')).toBe(false);
    expect(canReadRecords(principal(['district_approver', '11215']), '11215')).toBe(true);
    expect(canReadRecords(principal(['auditor', null]), '11110')).toBe(true);
    expect(canWriteRecords(principal(['auditor', null]), '11110')).toBe(false);
    expect(canWriteRecords(principal(['city_admin', '11000']), '11110')).toBe(true);
    expect(canReadRecords(principal(['reviewer', '11215']), '11215')).toBe(false);
    expect(canWriteRecords(null, '11215')).toBe(false);
  });
});
