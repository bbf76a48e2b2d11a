import { pdfSample } from '../domain/evidence-samples.js';
import { multipartFile } from '../fixtures/imports/upload.js';
import { fillPath, type RouteEntry } from '../helpers/route-table.js';
import { callers, OWN, PASSWORD, YEAR, type Caller, type FixtureIds } from './fixture.js';

/**
 * Who may call each route. "Allowed" means the request passes authorisation: any answer but 401/403 (a 400, 404
 * or 409 from the domain counts: the caller got past the checks). Everyone else must get 401 (anonymous on a
 * protected route) or 403. The own district is 11215; "_other" callers belong to 11110 (officer, approver) or are
 * a reviewer without the assignment. Requests are built to be harmless when allowed: stale versions, existing
 * codes, far-future deadlines.
 */
export const ALL = callers;
const SIGNED_IN = callers.filter((c) => c !== 'anonymous');
const CITY = ['city_admin'] as const;
const CITY_AUDIT = ['city_admin', 'auditor'] as const;
const DISTRICT_READ = ['city_admin', 'auditor', 'officer_own', 'approver_own'] as const;
const DISTRICT_WRITE = ['city_admin', 'officer_own'] as const;
const DISTRICT_MEMBERS_ANY = ['city_admin', 'auditor', 'officer_own', 'officer_other', 'approver_own', 'approver_other'] as const;
const REVIEWERS = ['reviewer', 'reviewer_other'] as const;

export interface Call {
  params?: (ids: FixtureIds) => Record<string, string | number>;
  query?: string | ((ids: FixtureIds) => string);
  body?: unknown;
  /** A body that needs the fixture's ids. */
  bodyOf?: (ids: FixtureIds) => unknown;
  multipart?: () => { payload: Buffer; headers: Record<string, string> };
  /** The call ends or replaces the session: make it with a throwaway session of the same user. */
  freshSession?: boolean;
}
export interface Expectation extends Call {
  allow: readonly Caller[];
  /** Denied callers told "not found" instead of 403, so they cannot learn that the row exists. */
  hiddenFrom?: readonly Caller[];
}

export const STALE = 999_999;
const csvUpload = () => multipartFile('authz.csv', Buffer.from('실적 일자,기업명,방문 목적,발굴 일자리 수\n2020-03-04,권한시험,기타,1\n'));
/** The fixture's own record type again: creating it once more is a conflict. */
const probeDefinition = {
  code: 'authz_probe',
  name: { ko: '권한 시험', en: 'Authorisation probe' },
  fields: [{ key: 'title', label: { ko: '제목', en: 'Title' }, type: 'text', required: true }],
};

export const EXPECTATIONS: Record<string, Expectation> = {
  // system, auth
  'GET /api/v1/health': { allow: ALL },
  'GET /api/v1/health/ready': { allow: ALL },
  'GET /api/v1/org-units': { allow: ALL },
  // reference data (city admin only); the upload is an empty file (400), the edit writes the fixture's own figure
  'GET /api/v1/reference-data': { allow: CITY },
  'GET /api/v1/populations/:year': { allow: CITY, params: () => ({ year: YEAR }) },
  'POST /api/v1/populations/import': { allow: CITY, multipart: () => multipartFile('populations.csv', Buffer.from('code,name,year,value\n')) },
  'PUT /api/v1/populations/:year/:code': { allow: CITY, params: () => ({ year: 2000, code: OWN }), body: { population: 1 } },
  'PUT /api/v1/unit-levels/:kind': {
    allow: CITY,
    params: () => ({ kind: 'district' }),
    body: { nameKo: '자치구', nounKo: '구', nameEn: 'district', pluralEn: 'districts' },
  },
  'PUT /api/v1/org-units/:code/groups': { allow: CITY, params: () => ({ code: OWN }), body: { groups: {} } },
  'POST /api/v1/auth/login': { allow: ALL, freshSession: true, body: { username: 'auditor', password: PASSWORD } },
  'POST /api/v1/auth/logout': { allow: SIGNED_IN, freshSession: true },
  // single sign-on: public by nature (without OIDC_ISSUER, as here, start and callback answer 404)
  'GET /api/v1/auth/methods': { allow: ALL },
  'GET /api/v1/auth/sso/start': { allow: ALL },
  'GET /api/v1/auth/sso/callback': { allow: ALL, query: 'code=x&state=y' },
  'GET /api/v1/me': { allow: SIGNED_IN },
  'GET /api/v1/me/work': { allow: SIGNED_IN },
  'POST /api/v1/me/password': { allow: SIGNED_IN, body: { currentPassword: 'not-the-password', newPassword: 'a-new-password-9' } },
  // second factor: the fixture's demo accounts cannot enrol (409) and have none to confirm or pass (409)
  'POST /api/v1/auth/second-factor': { allow: SIGNED_IN, body: { code: '123456' } },
  'GET /api/v1/me/second-factor': { allow: SIGNED_IN },
  'POST /api/v1/me/second-factor/enrolment': { allow: SIGNED_IN },
  'POST /api/v1/me/second-factor/enrolment/confirm': { allow: SIGNED_IN, body: { code: '123456' } },
  // accounts (city admin only); the calls hit a taken username or a stale version
  'GET /api/v1/users': { allow: CITY },
  'GET /api/v1/users.xlsx': { allow: CITY },
  'POST /api/v1/users': { allow: CITY, body: { username: 'auditor', displayName: '권한 시험', roles: [] } },
  'GET /api/v1/users/:id': { allow: CITY, params: () => ({ id: 1 }) },
  'PATCH /api/v1/users/:id': { allow: CITY, params: () => ({ id: 1 }), body: { version: STALE, displayName: '권한 시험' } },
  'PUT /api/v1/users/:id/roles': { allow: CITY, params: () => ({ id: 1 }), body: { version: STALE, roles: [] } },
  'POST /api/v1/users/:id/password-reset': { allow: CITY, params: () => ({ id: 1 }), body: { version: STALE } },
  'DELETE /api/v1/users/:id/second-factor': { allow: CITY, params: () => ({ id: 999_999 }) },
  // cycles and frameworks
  'GET /api/v1/cycles': { allow: SIGNED_IN },
  'POST /api/v1/cycles': { allow: CITY, body: { year: 2019 } },
  'GET /api/v1/cycles/:year': { allow: SIGNED_IN },
  'POST /api/v1/cycles/:year/transition': { allow: CITY, body: { to: 'verification', version: STALE } },
  'PUT /api/v1/cycles/:year/deadlines/:stage': { allow: CITY, params: () => ({ stage: 'open' }), body: { dueAt: '2099-12-31T00:00:00Z' } },
  'GET /api/v1/cycles/:year/framework': { allow: SIGNED_IN },
  'GET /api/v1/cycles/:year/framework/versions': { allow: SIGNED_IN },
  'GET /api/v1/cycles/:year/framework/handbook.pdf': { allow: SIGNED_IN },
  'PUT /api/v1/cycles/:year/framework': { allow: CITY, body: { definition: {}, rowVersion: STALE } },
  'POST /api/v1/cycles/:year/framework/copy': { allow: CITY, body: { fromYear: 2019 } },
  'GET /api/v1/frameworks/diff': { allow: SIGNED_IN, query: '?from=2019&to=2020' },
  // reviews: the assignment belongs to "reviewer"; "reviewer_other" is another panel member
  'POST /api/v1/cycles/:year/reviews/assign': { allow: CITY, body: {} },
  'POST /api/v1/cycles/:year/reviews/assignments': { allow: CITY, body: { reviewer: 'reviewer.4', orgUnitCode: OWN, indicatorCode: 'S6' } },
  'DELETE /api/v1/cycles/:year/reviews/assignments/:id': { allow: CITY, params: (ids) => ({ id: ids.spareAssignment }), body: {} },
  'GET /api/v1/cycles/:year/reviews/progress': { allow: CITY_AUDIT },
  'POST /api/v1/cycles/:year/reviews/close': { allow: CITY, body: {} },
  'GET /api/v1/cycles/:year/reviews/results': { allow: CITY_AUDIT },
  'GET /api/v1/cycles/:year/reviews/mine': { allow: REVIEWERS },
  'GET /api/v1/cycles/:year/reviews/assignments/:id': { allow: ['city_admin', 'auditor', 'reviewer'], params: (ids) => ({ id: ids.assignment }) },
  'PUT /api/v1/cycles/:year/reviews/assignments/:id/scores': {
    allow: ['reviewer'],
    params: (ids) => ({ id: ids.assignment }),
    body: { version: STALE, scores: {} },
  },
  'POST /api/v1/cycles/:year/reviews/assignments/:id/submit': { allow: ['reviewer'], params: (ids) => ({ id: ids.assignment }), body: { version: STALE } },
  'GET /api/v1/cycles/:year/reviews/assignments/:id/dossier': { allow: ['city_admin', 'auditor', 'reviewer'], params: (ids) => ({ id: ids.assignment }) },
  'GET /api/v1/cycles/:year/reviews/settings': { allow: CITY_AUDIT },
  'PUT /api/v1/cycles/:year/reviews/settings': { allow: CITY, body: { blind: false, version: STALE } },
  'GET /api/v1/cycles/:year/reviews/pledge': { allow: REVIEWERS },
  'POST /api/v1/cycles/:year/reviews/pledge': { allow: REVIEWERS, body: { agree: true, signedName: '권한 시험' } },
  // an unknown district: the declaration is refused with 404 after the access checks
  'POST /api/v1/cycles/:year/reviews/conflicts': { allow: REVIEWERS, body: { orgUnitCode: '99999', reason: '권한 시험' } },
  'GET /api/v1/cycles/:year/reviews/declarations': { allow: CITY_AUDIT },
  'GET /api/v1/cycles/:year/districts/:code/review-feedback': { allow: DISTRICT_READ },
  // public site
  'GET /api/v1/public/cycles': { allow: ALL },
  'GET /api/v1/public/cycles/:year/results': { allow: ALL, params: () => ({ year: 2019 }) },
  'GET /api/v1/public/cycles/:year/districts/:code/scorecard': { allow: ALL, params: () => ({ year: 2019 }) },
  'GET /api/v1/public/cycles/:year/engine-input': { allow: ALL, params: () => ({ year: 2019 }) },
  'GET /api/v1/public/cycles/:year/results.csv': { allow: ALL, params: () => ({ year: 2019 }) },
  'GET /api/v1/public/cycles/:year/results.json': { allow: ALL, params: () => ({ year: 2019 }) },
  'GET /api/v1/public/cycles/:year/results.xlsx': { allow: ALL, params: () => ({ year: 2019 }) },
  'GET /api/v1/public/cycles/:year/districts/:code/scorecard.pdf': { allow: ALL, params: () => ({ year: 2019 }) },
  'GET /api/v1/public/open-data/indicators-long.csv': { allow: ALL },
  'GET /api/v1/public/open-data/indicators-long.xlsx': { allow: ALL },
  'GET /api/v1/public/open-data/dictionary.csv': { allow: ALL },
  'GET /api/v1/public/cycles/:year/handbook.pdf': { allow: ALL, params: () => ({ year: 2019 }) },
  'GET /api/v1/public/cycles/:year/analysis': { allow: ALL, params: () => ({ year: 2019 }) },
  'GET /api/v1/public/cycles/:year/analysis.xlsx': { allow: ALL, params: () => ({ year: 2019 }) },
  'GET /api/v1/public/cycles/:year/analysis.pdf': { allow: ALL, params: () => ({ year: 2019 }) },
  // scoring
  'POST /api/v1/cycles/:year/scoring-runs': { allow: CITY, body: { kind: 'trial', note: 'authz matrix' } },
  'GET /api/v1/cycles/:year/scoring-runs': { allow: CITY_AUDIT },
  'GET /api/v1/scoring-runs/:id': { allow: CITY_AUDIT, params: (ids) => ({ id: ids.run }) },
  'POST /api/v1/scoring-runs/:id/reproduce': { allow: CITY_AUDIT, params: (ids) => ({ id: ids.run }) },
  'GET /api/v1/scoring-runs/:id/analysis': { allow: CITY_AUDIT, params: (ids) => ({ id: ids.run }) },
  'GET /api/v1/scoring-runs/:id/analysis.xlsx': { allow: CITY_AUDIT, params: (ids) => ({ id: ids.run }) },
  'GET /api/v1/scoring-runs/:id/analysis.pdf': { allow: CITY_AUDIT, params: (ids) => ({ id: ids.run }) },
  'POST /api/v1/scoring-runs/:id/ties': {
    allow: CITY,
    params: (ids) => ({ id: ids.run }),
    body: { tier: 'no_such_tier', decision: 'award_all', reason: 'authz matrix' },
  },
  'GET /api/v1/scoring-runs/compare': { allow: CITY_AUDIT, query: (ids) => `?from=${ids.run}&to=${ids.run}` },
  // audit: district users read their own district's entries only
  'GET /api/v1/audit': { allow: DISTRICT_READ, query: `?orgUnitCode=${OWN}` },
  'GET /api/v1/audit.csv': { allow: CITY_AUDIT },
  'GET /api/v1/audit/verify': { allow: CITY_AUDIT },
  // publication
  'GET /api/v1/cycles/:year/press-release': { allow: CITY_AUDIT, params: () => ({ year: 2019 }) },
  'PUT /api/v1/cycles/:year/press-release': { allow: CITY, params: () => ({ year: 2019 }), body: { text: '보도자료', version: STALE } },
  // the publication workspace: auditors read the versions and download the 결과 보고; only the city admin saves and
  // downloads the press-release drafts (a stale base version answers 409 and writes nothing)
  'GET /api/v1/cycles/:year/press-release/versions': { allow: CITY_AUDIT, params: () => ({ year: 2019 }) },
  'GET /api/v1/cycles/:year/press-release/versions/:version': { allow: CITY_AUDIT, params: () => ({ year: 2019, version: 1 }) },
  'POST /api/v1/cycles/:year/press-release/versions': { allow: CITY, params: () => ({ year: 2019 }), body: { text: '보도자료', baseVersion: STALE } },
  'GET /api/v1/cycles/:year/press-release.pdf': { allow: CITY, params: () => ({ year: 2019 }) },
  'GET /api/v1/cycles/:year/press-release.docx': { allow: CITY, params: () => ({ year: 2019 }) },
  'GET /api/v1/cycles/:year/result-report.pdf': { allow: CITY_AUDIT, params: () => ({ year: 2019 }) },
  'GET /api/v1/cycles/:year/result-report.docx': { allow: CITY_AUDIT, params: () => ({ year: 2019 }) },
  // submissions of the own district
  'GET /api/v1/cycles/:year/districts/:code/submissions': { allow: DISTRICT_READ },
  'GET /api/v1/cycles/:year/districts/:code/submissions/:indicator': { allow: DISTRICT_READ },
  'PUT /api/v1/cycles/:year/districts/:code/submissions/:indicator': { allow: DISTRICT_WRITE, body: { version: STALE, value: 1, reason: '권한 시험' } },
  'POST /api/v1/cycles/:year/districts/:code/submissions/:indicator/evidence': {
    allow: DISTRICT_WRITE,
    bodyOf: (ids) => ({ evidenceId: ids.evidence, version: STALE, reason: '권한 시험' }),
  },
  'DELETE /api/v1/cycles/:year/districts/:code/submissions/:indicator/evidence/:evidenceId': {
    allow: DISTRICT_WRITE,
    params: (ids) => ({ evidenceId: ids.evidence }),
    query: `?version=${STALE}&reason=x`,
  },
  'POST /api/v1/cycles/:year/districts/:code/submissions/:indicator/submit': { allow: ['officer_own'], body: { version: STALE } },
  'POST /api/v1/cycles/:year/districts/:code/submissions/:indicator/approve': { allow: ['approver_own'], body: { version: STALE } },
  'POST /api/v1/cycles/:year/districts/:code/submissions/:indicator/return-to-officer': {
    allow: ['approver_own'],
    body: { version: STALE, reason: '보완 요청' },
  },
  'POST /api/v1/cycles/:year/districts/:code/submit-all': { allow: ['officer_own'] },
  // verification (city)
  'GET /api/v1/cycles/:year/verification': { allow: CITY_AUDIT },
  'POST /api/v1/cycles/:year/verification/verify': { allow: CITY, bodyOf: (ids) => ({ id: ids.submission, version: STALE }) },
  'POST /api/v1/cycles/:year/verification/return': { allow: CITY, bodyOf: (ids) => ({ id: ids.submission, version: STALE, reason: '보완' }) },
  'POST /api/v1/cycles/:year/verification/bulk-verify': { allow: CITY, bodyOf: (ids) => ({ items: [{ id: ids.submission, version: STALE }] }) },
  'GET /api/v1/cycles/:year/verification/:code/:indicator/compare': { allow: CITY_AUDIT },
  // provisional results and objections: every district sees every provisional figure and may contest any of them;
  // the fixture's objection is 11215's own (filed by officer.11215), so only 11215 reads it and nobody replies to it
  'GET /api/v1/cycles/:year/provisional-results': { allow: DISTRICT_MEMBERS_ANY },
  'GET /api/v1/cycles/:year/provisional-results/districts/:code': { allow: DISTRICT_MEMBERS_ANY },
  'POST /api/v1/cycles/:year/objections': {
    allow: ['officer_own', 'approver_own', 'officer_other', 'approver_other'],
    body: { district: OWN, indicator: 'J1', reason: '이의 있음' },
  },
  'GET /api/v1/cycles/:year/objections': { allow: DISTRICT_READ, query: `?district=${OWN}` },
  'GET /api/v1/objections/:id': { allow: DISTRICT_READ, params: (ids) => ({ id: ids.objection }) },
  'POST /api/v1/objections/:id/decide': { allow: CITY, params: (ids) => ({ id: ids.objection }), body: { decision: 'reject', version: STALE, reason: '기각' } },
  'POST /api/v1/objections/:id/reply': {
    allow: ['officer_own', 'approver_own'],
    params: (ids) => ({ id: ids.objection }),
    body: { version: STALE, text: '답변' },
  },
  'POST /api/v1/objections/:id/withdraw': { allow: ['officer_own', 'approver_own'], params: (ids) => ({ id: ids.objection }), body: { version: STALE } },
  // 가점·감점: the city enters, changes, withdraws and confirms; each district reads its own and objects to its own
  'GET /api/v1/cycles/:year/adjustments': { allow: DISTRICT_MEMBERS_ANY },
  'POST /api/v1/cycles/:year/adjustments': { allow: CITY, body: { district: OWN, rule: 'NO_SUCH_RULE', points: 1, reason: '권한 시험' } },
  'POST /api/v1/cycles/:year/adjustments/late-penalties': { allow: CITY },
  'GET /api/v1/adjustments/:id': { allow: DISTRICT_READ, params: (ids) => ({ id: ids.adjustment }) },
  'PUT /api/v1/adjustments/:id': {
    allow: CITY,
    params: (ids) => ({ id: ids.adjustment }),
    body: { version: STALE, rule: 'B_POLICY', points: 1, reason: '권한 시험' },
  },
  'POST /api/v1/adjustments/:id/withdraw': { allow: CITY, params: (ids) => ({ id: ids.adjustment }), body: { version: STALE, reason: '권한 시험' } },
  'POST /api/v1/adjustments/:id/confirm': { allow: CITY, params: (ids) => ({ id: ids.adjustment }), body: { version: STALE } },
  'POST /api/v1/adjustments/:id/objections': {
    allow: ['officer_own', 'approver_own'],
    params: (ids) => ({ id: ids.adjustment }),
    body: { reason: '이의 있음' },
  },
  'GET /api/v1/cycles/:year/objection-settings': { allow: SIGNED_IN },
  // replies due before filing: refused by the rule, nothing written
  'PUT /api/v1/cycles/:year/objection-settings': {
    allow: CITY,
    body: { filingDueAt: '2099-12-31T00:00:00Z', replyDueAt: '2099-01-01T00:00:00Z', decisionDueAt: '2099-12-31T00:00:00Z' },
  },
  // notifications: the one in the fixture is addressed to officer.11215 only
  'GET /api/v1/notifications': { allow: SIGNED_IN },
  // Anyone else's notification answers 404, like an id that does not exist (ids cannot be probed).
  'POST /api/v1/notifications/:id/read': {
    allow: ['officer_own'],
    hiddenFrom: SIGNED_IN.filter((c) => c !== 'officer_own'),
    params: (ids) => ({ id: ids.notification }),
  },
  'POST /api/v1/notifications/read-all': { allow: SIGNED_IN },
  'POST /api/v1/notifications/deadline-reminders': { allow: CITY },
  // e-mail settings are each user's own; the unsubscribe link needs no session (a made-up token: 400, not 401/403)
  'GET /api/v1/me/email-settings': { allow: SIGNED_IN },
  'PUT /api/v1/me/email-settings': { allow: SIGNED_IN, body: { email: null, language: 'ko', preferences: [] } },
  'POST /api/v1/email/unsubscribe': { allow: ALL, query: 'token=1.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' },
  // record types (city) and records (own district)
  'GET /api/v1/record-types': { allow: SIGNED_IN },
  'GET /api/v1/record-types/:code': { allow: SIGNED_IN, params: () => ({ code: 'company_visit' }) },
  'POST /api/v1/record-types': { allow: CITY, body: { definition: probeDefinition } },
  'PATCH /api/v1/record-types/:code': { allow: CITY, params: (ids) => ({ code: ids.recordType }), body: { version: STALE, definition: probeDefinition } },
  'POST /api/v1/record-types/:code/deactivate': { allow: CITY, params: (ids) => ({ code: ids.recordType }), body: { version: STALE } },
  'POST /api/v1/record-types/:code/activate': { allow: CITY, params: (ids) => ({ code: ids.recordType }), body: { version: STALE } },
  'GET /api/v1/districts/:code/records': { allow: DISTRICT_READ },
  'POST /api/v1/districts/:code/records': { allow: DISTRICT_WRITE, body: { recordType: 'company_visit', occurredOn: '2020-01-20', data: {} } },
  'GET /api/v1/records/:id': { allow: DISTRICT_READ, params: (ids) => ({ id: ids.record }) },
  'PATCH /api/v1/records/:id': { allow: DISTRICT_WRITE, params: (ids) => ({ id: ids.record }), body: { version: STALE, occurredOn: '2020-01-16', data: {} } },
  'DELETE /api/v1/records/:id': { allow: DISTRICT_WRITE, params: (ids) => ({ id: ids.record }), query: `?version=${STALE}` },
  // evidence files of the own district
  'POST /api/v1/districts/:code/evidence': {
    allow: ['city_admin', 'officer_own', 'approver_own'],
    multipart: () => multipartFile('증빙.pdf', pdfSample('authz')),
  },
  'GET /api/v1/districts/:code/evidence': { allow: DISTRICT_READ },
  // reviewers may read files of the items assigned to them only; the fixture's file is on none
  'GET /api/v1/evidence/:id': {
    allow: DISTRICT_READ,
    hiddenFrom: ['officer_other', 'approver_other', 'reviewer', 'reviewer_other'],
    params: (ids) => ({ id: ids.evidence }),
  },
  // imports and exports
  'GET /api/v1/cycles/:year/districts/:code/template.xlsx': { allow: DISTRICT_READ },
  'POST /api/v1/cycles/:year/districts/:code/imports': { allow: DISTRICT_WRITE, query: '?type=no_such_type', multipart: csvUpload },
  'GET /api/v1/imports/:id': { allow: DISTRICT_READ, params: (ids) => ({ id: ids.import }) },
  'GET /api/v1/districts/:code/imports': { allow: DISTRICT_READ },
  // award history (수상 이력): the city imports; the upload is refused by its content (an unknown unit) once allowed
  'GET /api/v1/award-history': { allow: CITY_AUDIT },
  'GET /api/v1/award-history/template.csv': { allow: CITY },
  'POST /api/v1/award-history/imports': {
    allow: CITY,
    multipart: () => multipartFile('awards.csv', Buffer.from('연도,코드,이름,등급\n2014,99999,권한시험,우수구\n')),
  },
  'GET /api/v1/cycles/:year/districts/:code/records.xlsx': { allow: DISTRICT_READ },
  'GET /api/v1/cycles/:year/districts/:code/records.csv': { allow: DISTRICT_READ },
  'GET /api/v1/cycles/:year/districts/:code/records.json': { allow: DISTRICT_READ },
  'GET /api/v1/cycles/:year/districts/:code/records/export': { allow: DISTRICT_READ, query: '?format=csv' },
  'GET /api/v1/cycles/:year/records.xlsx': { allow: CITY_AUDIT },
  'GET /api/v1/cycles/:year/records.csv': { allow: CITY_AUDIT },
  'GET /api/v1/cycles/:year/records.json': { allow: CITY_AUDIT },
  'GET /api/v1/cycles/:year/records/export': { allow: CITY_AUDIT, query: '?format=json' },
};

/** The URL the matrix calls a route with: path parameters of the own district and the fixture's rows, its query. */
export function urlFor(r: RouteEntry, e: Call, ids: FixtureIds, params: Record<string, string | number> = {}): string {
  const all = { year: YEAR, code: OWN, indicator: 'J1', ...(e.params?.(ids) ?? {}), ...params };
  const query = typeof e.query === 'function' ? e.query(ids) : (e.query ?? '');
  return fillPath(r.url, all) + query;
}

export const bodyFor = (e: Call, ids: FixtureIds): unknown => (e.bodyOf ? e.bodyOf(ids) : e.body);
