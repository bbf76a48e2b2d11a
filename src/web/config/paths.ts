// Every in-app address in one place, so that links and routes cannot drift apart.
export const paths = {
  home: '/',
  results: (year: number | string) => `/results/${year}`,
  scorecard: (year: number | string, code: string) => `/results/${year}/districts/${encodeURIComponent(code)}`,
  openData: '/open-data',
  signIn: '/sign-in',
  myWork: '/my',
} as const;
