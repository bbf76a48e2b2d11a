import type ExcelJS from 'exceljs';
import type { Role } from '../../db/repositories/users.js';
import { neutraliseFormula } from '../publication/text-cell.js';
import type { UserView } from './accounts.js';

type Lang = 'ko' | 'en';

export const ROLE_NAMES: Record<Role, { ko: string; en: string }> = {
  city_admin: { ko: '시 관리자', en: 'City admin' },
  district_officer: { ko: '자치구 담당자', en: 'District officer' },
  district_approver: { ko: '자치구 팀장(승인)', en: 'District approver' },
  reviewer: { ko: '평가위원', en: 'Reviewer' },
  auditor: { ko: '감사', en: 'Auditor' },
};

const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDCE6F1' } };
const KST_OFFSET_MS = 9 * 60 * 60 * 1000;

/** A UTC instant as the wall-clock time in Seoul, which is what Excel shows for a date without a zone. */
const kst = (iso: string | null) => (iso ? new Date(new Date(iso).getTime() + KST_OFFSET_MS) : null);

function status(u: UserView, lang: Lang): string {
  const words: string[] = [];
  if (u.disabled) words.push(lang === 'ko' ? '사용 중지' : 'disabled');
  if (u.lockedUntil) words.push(lang === 'ko' ? '로그인 지연' : 'sign-in delayed');
  if (u.mustChangePassword) words.push(lang === 'ko' ? '비밀번호 변경 필요' : 'must change password');
  if (u.isDemo) words.push(lang === 'ko' ? '데모' : 'demo');
  return words.length ? words.join(', ') : lang === 'ko' ? '사용 중' : 'active';
}

/**
 * The account list as a workbook for the city's records: one row per account and role (so a filter on role or
 * district works in Excel), times in KST, text escaped against formula injection. No password or hash is in it.
 */
export async function accountsWorkbook(users: UserView[], lang: Lang, generatedAt = new Date()): Promise<Buffer> {
  const ko = lang === 'ko';
  const { default: ExcelJS } = await import('exceljs');
  const wb = new ExcelJS.Workbook();
  wb.creator = 'HopeJobs 희망일자리 평가 플랫폼';
  const ws = wb.addWorksheet(ko ? '사용자' : 'Users', { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = [
    { header: ko ? '아이디' : 'Username', key: 'username', width: 20 },
    { header: ko ? '이름' : 'Name', key: 'displayName', width: 28 },
    { header: ko ? '역할' : 'Role', key: 'role', width: 18 },
    { header: ko ? '기관 코드' : 'Org unit code', key: 'orgUnitCode', width: 12 },
    { header: ko ? '기관' : 'Org unit', key: 'orgUnitName', width: 14 },
    { header: ko ? '상태' : 'Status', key: 'status', width: 22 },
    { header: ko ? '마지막 로그인 (KST)' : 'Last sign-in (KST)', key: 'lastSeenAt', width: 20, style: { numFmt: 'yyyy-mm-dd hh:mm' } },
    { header: ko ? '만든 날 (KST)' : 'Created (KST)', key: 'createdAt', width: 20, style: { numFmt: 'yyyy-mm-dd hh:mm' } },
  ];
  ws.getRow(1).font = { bold: true };
  ws.getRow(1).eachCell((c) => (c.fill = HEADER_FILL));
  for (const u of users) {
    const base = {
      username: neutraliseFormula(u.username),
      displayName: neutraliseFormula(u.displayName),
      status: status(u, lang),
      lastSeenAt: kst(u.lastSeenAt),
      createdAt: kst(u.createdAt),
    };
    const roles = u.roles.length ? u.roles : [null];
    for (const r of roles) {
      ws.addRow({
        ...base,
        role: r ? ROLE_NAMES[r.role][lang] : ko ? '(없음)' : '(none)',
        orgUnitCode: r?.orgUnitCode ?? null,
        orgUnitName: r?.orgUnitName ?? null,
      });
    }
  }
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: 8 } };
  const about = wb.addWorksheet(ko ? '안내' : 'About');
  about.addRows([
    [ko ? '희망일자리 평가 플랫폼 사용자 목록' : 'HopeJobs accounts'],
    [ko ? '생성 시각 (KST)' : 'Generated (KST)', kst(generatedAt.toISOString())],
    [ko ? '계정 수' : 'Accounts', users.length],
    [ko ? '비밀번호는 들어 있지 않습니다.' : 'No passwords are included.'],
  ]);
  about.getColumn(1).width = 36;
  about.getColumn(2).width = 22;
  about.getCell('B2').numFmt = 'yyyy-mm-dd hh:mm';
  return Buffer.from(await wb.xlsx.writeBuffer());
}
