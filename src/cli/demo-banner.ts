import type { DemoSeedResult } from '../domain/seed.js';

/** The demo accounts, printed clearly as demo so nobody mistakes them for real credentials. */
export function demoBanner(demo: DemoSeedResult): string {
  const line = '─'.repeat(64);
  return [
    line,
    ' 데모 계정 (DEMO ACCOUNTS — synthetic data, not for production)',
    line,
    `  비밀번호 / password (all demo accounts): ${demo.password}${demo.passwordFromEnv ? '  (HOPEJOBS_DEMO_PASSWORD)' : ''}`,
    '  admin                 시 관리자 / city admin',
    '  officer.11215         광진구 담당자 / district officer (officer.<code> for each district)',
    '  approver.11215        광진구 팀장 / district approver (approver.<code>)',
    '  reviewer.1 … reviewer.5   평가위원 / panel reviewers',
    '  auditor               감사 / auditor (read-only)',
    '  다시 설정 / reset: npx hopejobs seed --demo',
    line,
  ].join('\n');
}
