// Every in-app address in one place, so that links and routes cannot drift apart.
export const paths = {
  home: '/',
  results: (year: number | string) => `/results/${year}`,
  scorecard: (year: number | string, code: string) => `/results/${year}/districts/${encodeURIComponent(code)}`,
  /** The statistical audit of a published year's framework. */
  resultsAnalysis: (year: number | string) => `/results/${year}/analysis`,
  scorecards: '/scorecards',
  openData: '/open-data',
  whatIf: '/whatif',
  whatIfYear: (year: number | string) => `/whatif/${year}`,
  signIn: '/sign-in',
  myWork: '/my',
  admin: '/admin',
  adminCycle: (year: number | string) => `/admin/cycles/${year}`,
  framework: (year: number | string) => `/admin/cycles/${year}/framework`,
  scoring: (year: number | string) => `/admin/cycles/${year}/scoring`,
  /** The statistical audit of one scoring run (city admin, auditor). */
  runAnalysis: (id: number) => `/admin/scoring-runs/${id}/analysis`,
  /** The framework and scoring of the cycle in progress (the page picks the year). */
  currentFramework: '/admin/framework',
  currentScoring: '/admin/scoring',
  audit: '/audit',
  /** A district's workspace for a cycle (records, spreadsheet import, indicator values). */
  district: (code: string, year: number | string, tab?: string) =>
    `/district/${encodeURIComponent(code)}/${year}${tab === undefined ? '' : `?tab=${encodeURIComponent(tab)}`}`,
  /** The signed-in user's own district, cycle in progress. */
  myDistrict: '/district',
  verification: (year: number | string) => `/verification/${year}`,
  currentVerification: '/verification',
  reviews: (year: number | string) => `/reviews/${year}`,
  reviewAssignment: (year: number | string, id: number) => `/reviews/${year}/assignments/${id}`,
  currentReviews: '/reviews',
  objections: (year: number | string) => `/objections/${year}`,
  currentObjections: '/objections',
  /** 가점·감점 of a cycle: the city's entry, a district's own entries. */
  adjustments: (year: number | string) => `/adjustments/${year}`,
  currentAdjustments: '/adjustments',
  notifications: '/notifications',
  /** Reference data: unit levels and words, peer groups, populations (city admin). */
  referenceData: '/admin/reference-data',
  /** User accounts (city admin). */
  users: '/admin/users',
  /** Award results of the years before the product (city admin, auditor). */
  awardHistory: '/admin/award-history',
  /** The publication workspace of a cycle: press release (versions, PDF, .docx) and the 결과 보고 (city admin, auditor). */
  publication: (year: number | string) => `/admin/cycles/${year}/publication`,
  /** The publication workspace of the newest cycle with final results (the page picks the year). */
  currentPublication: '/admin/publication',
  /** The signed-in user's password (every role; the only page while a new password is required). */
  changePassword: '/account/password',
  /** The signed-in user's second factor (one-time codes): set up, status; the only page while the policy requires it. */
  accountSecurity: '/account/security',
  /** The code step of signing in (a session opened by the password of a user with a second factor). */
  signInCode: '/sign-in/code',

  /** The signed-in user's e-mail address, language and how each kind of notification is mailed. */
  emailSettings: '/settings/notifications',
  /** Where the unsubscribe link of a daily digest leads (no sign-in needed). */
  emailUnsubscribe: '/email/unsubscribe',
} as const;

/** The sign-in address that comes back to `next` afterwards. */
export function signInFor(next: string): string {
  return `${paths.signIn}?next=${encodeURIComponent(next)}`;
}

/** Only same-site paths may follow a sign-in or a password change, so that `?next=` cannot send anyone elsewhere. */
export function safeNext(next: string | null): string {
  return next !== null && next.startsWith('/') && !next.startsWith('//') ? next : paths.myWork;
}
