import { isIP } from 'node:net';
import path from 'node:path';
import { z } from 'zod';
import { bothLanguages, issueMessage, zodMessage } from './message.js';

/**
 * Runtime configuration, read once from the environment and validated.
 * Every message is bilingual because operators see it in a terminal before the UI exists.
 */
const logLevels = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

const booleanFlag = z
  .enum(['1', '0', 'true', 'false', 'yes', 'no', 'on', 'off'], {
    error: zodMessage({ ko: '1/0, true/false, yes/no 중 하나여야 합니다', en: 'must be one of 1/0, true/false, yes/no' }),
  })
  .transform((v) => ['1', 'true', 'yes', 'on'].includes(v));

const POSTGRES_URL_MESSAGE = zodMessage({
  ko: 'postgres://사용자@호스트:포트/DB 형식의 URL이어야 합니다',
  en: 'must be a URL like postgres://user@host:5432/dbname',
});

function isPostgresUrl(v: string): boolean {
  try {
    const u = new URL(v);
    return (u.protocol === 'postgres:' || u.protocol === 'postgresql:') && u.hostname !== '';
  } catch {
    return false;
  }
}

const HTTP_URL_MESSAGE = zodMessage({ ko: 'http(s)://호스트 형식의 URL이어야 합니다', en: 'must be a URL like https://host' });

function isHttpUrl(v: string): boolean {
  try {
    const u = new URL(v);
    return (u.protocol === 'http:' || u.protocol === 'https:') && u.hostname !== '';
  } catch {
    return false;
  }
}

/** An identity provider is reached over HTTPS; plain HTTP only on this machine (a test provider). */
function isIssuerUrl(v: string): boolean {
  try {
    const u = new URL(v);
    return u.protocol === 'https:' || (u.protocol === 'http:' && ['localhost', '127.0.0.1', '[::1]'].includes(u.hostname));
  } catch {
    return false;
  }
}

function validTrustProxy(value: string): boolean {
  if (value === 'true' || value === 'false') return true;
  return value.split(',').every((part) => {
    const [addr, prefix, ...rest] = part.trim().split('/');
    if (rest.length || !addr) return false;
    if (prefix === undefined && ['loopback', 'linklocal', 'uniquelocal'].includes(addr)) return true;
    const family = isIP(addr);
    if (family === 0) return false;
    return prefix === undefined || (/^\d{1,3}$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128));
  });
}

function integerSetting(min: number, max: number, fallback: number) {
  return z.coerce
    .number({ error: zodMessage({ ko: '정수여야 합니다', en: 'must be an integer' }) })
    .int(zodMessage({ ko: '정수여야 합니다', en: 'must be an integer' }))
    .min(min, zodMessage({ ko: `${min} 이상이어야 합니다`, en: `must be at least ${min}` }))
    .max(max, zodMessage({ ko: `${max} 이하여야 합니다`, en: `must be at most ${max}` }))
    .default(fallback);
}

export const configSchema = z
  .object({
    PORT: z.coerce
      .number({ error: zodMessage({ ko: '정수여야 합니다', en: 'must be an integer' }) })
      .int(zodMessage({ ko: '정수여야 합니다', en: 'must be an integer' }))
      .min(0, zodMessage({ ko: '0–65535 사이여야 합니다', en: 'must be between 0 and 65535' }))
      .max(65535, zodMessage({ ko: '0–65535 사이여야 합니다', en: 'must be between 0 and 65535' }))
      .default(3000),
    HOST: z
      .string()
      .min(1, zodMessage({ ko: '비어 있을 수 없습니다', en: 'must not be empty' }))
      .default('127.0.0.1'),
    DATABASE_URL: z.string().refine(isPostgresUrl, POSTGRES_URL_MESSAGE).optional(),
    // A read replica of DATABASE_URL for the public pages only (results, scorecards, open data): see docs/operations.md.
    DATABASE_READ_URL: z.string().refine(isPostgresUrl, POSTGRES_URL_MESSAGE).optional(),
    HOPEJOBS_DATA_DIR: z
      .string()
      .min(1, zodMessage({ ko: '비어 있을 수 없습니다', en: 'must not be empty' }))
      .default('./data'),
    LOG_LEVEL: z
      .enum(logLevels, { error: zodMessage({ ko: `${logLevels.join(', ')} 중 하나여야 합니다`, en: `must be one of ${logLevels.join(', ')}` }) })
      .default('info'),
    HOPEJOBS_DEMO: booleanFlag.default(true),
    HOPEJOBS_DEMO_PASSWORD: z
      .string()
      .min(8, zodMessage({ ko: '8자 이상이어야 합니다', en: 'must have at least 8 characters' }))
      .optional(),
    HOPEJOBS_MAX_UPLOAD_MB: z.coerce
      .number({ error: zodMessage({ ko: '숫자여야 합니다', en: 'must be a number' }) })
      .positive(zodMessage({ ko: '0보다 커야 합니다', en: 'must be greater than 0' }))
      .max(1024, zodMessage({ ko: '1024 이하여야 합니다', en: 'must be at most 1024' }))
      .default(20),
    // Workbook imports are read on worker threads: how many at once, and the heap cap of each (docs/operations.md).
    HOPEJOBS_XLSX_WORKERS: z.coerce
      .number({ error: zodMessage({ ko: '정수여야 합니다', en: 'must be an integer' }) })
      .int(zodMessage({ ko: '정수여야 합니다', en: 'must be an integer' }))
      .min(1, zodMessage({ ko: '1 이상이어야 합니다', en: 'must be at least 1' }))
      .max(64, zodMessage({ ko: '64 이하여야 합니다', en: 'must be at most 64' }))
      .default(2),
    HOPEJOBS_XLSX_WORKER_MEMORY_MB: z.coerce
      .number({ error: zodMessage({ ko: '정수여야 합니다', en: 'must be an integer' }) })
      .int(zodMessage({ ko: '정수여야 합니다', en: 'must be an integer' }))
      .min(128, zodMessage({ ko: '128 이상이어야 합니다', en: 'must be at least 128' }))
      .max(16_384, zodMessage({ ko: '16384 이하여야 합니다', en: 'must be at most 16384' }))
      .default(1024),
    // Evidence goes to an S3-compatible bucket when HOPEJOBS_S3_BUCKET is set, to <data dir>/evidence otherwise.
    HOPEJOBS_S3_ENDPOINT: z
      .string()
      .refine(
        (v) => {
          try {
            const u = new URL(v);
            return u.protocol === 'http:' || u.protocol === 'https:';
          } catch {
            return false;
          }
        },
        zodMessage({ ko: 'http(s)://호스트:포트 형식의 URL이어야 합니다', en: 'must be a URL like https://host:port' }),
      )
      .optional(),
    HOPEJOBS_S3_BUCKET: z
      .string()
      .min(1, zodMessage({ ko: '비어 있을 수 없습니다', en: 'must not be empty' }))
      .optional(),
    HOPEJOBS_S3_REGION: z
      .string()
      .min(1, zodMessage({ ko: '비어 있을 수 없습니다', en: 'must not be empty' }))
      .optional(),
    HOPEJOBS_S3_ACCESS_KEY_ID: z
      .string()
      .min(1, zodMessage({ ko: '비어 있을 수 없습니다', en: 'must not be empty' }))
      .optional(),
    HOPEJOBS_S3_SECRET_ACCESS_KEY: z
      .string()
      .min(1, zodMessage({ ko: '비어 있을 수 없습니다', en: 'must not be empty' }))
      .optional(),
    // Which proxies may tell us the client's address and protocol (X-Forwarded-For/-Proto): see trustProxySetting.
    HOPEJOBS_TRUST_PROXY: z
      .string()
      .refine(
        validTrustProxy,
        zodMessage({
          ko: 'true, false 또는 IP/CIDR·loopback 목록이어야 합니다',
          en: 'must be true, false or a list of IPs/CIDRs and loopback/linklocal/uniquelocal (e.g. loopback,10.0.0.0/8)',
        }),
      )
      .default('loopback'),
    HOPEJOBS_COOKIE_SECURE: z
      .enum(['auto', 'true', 'false'], { error: zodMessage({ ko: 'auto, true, false 중 하나여야 합니다', en: 'must be one of auto, true, false' }) })
      .default('auto'),
    HOPEJOBS_LOGIN_RATE_PER_MIN: integerSetting(0, 10_000, 10),
    // Progressive sign-in delay per name and address (src/domain/sign-in-protection.ts, docs/operations.md).
    HOPEJOBS_SIGNIN_FREE_FAILURES: integerSetting(1, 100, 5),
    HOPEJOBS_SIGNIN_FIRST_DELAY_S: integerSetting(1, 3600, 15),
    HOPEJOBS_SIGNIN_MAX_DELAY_S: integerSetting(1, 86_400, 900),
    HOPEJOBS_SIGNIN_NAME_CEILING: integerSetting(0, 1_000_000, 30),
    // Second factor (src/domain/totp.ts, docs/operations.md): on = city admins and auditors must enrol, and publishing
    // results or changing roles needs a session that passed it. Off by default (the demo and the tests).
    // Unset: required when demo mode is off (a real installation), not in demo mode (shared demo accounts).
    HOPEJOBS_TOTP_REQUIRED: booleanFlag.optional(),
    // 32 bytes (64 hex digits or base64): TOTP secrets are stored AES-256-GCM encrypted with it.
    HOPEJOBS_TOTP_KEY: z
      .string()
      .refine(
        (v) => /^[0-9a-fA-F]{64}$/.test(v.trim()) || Buffer.from(v.trim(), 'base64').length === 32,
        zodMessage({ ko: '32바이트 키(16진수 64자 또는 base64)여야 합니다', en: 'must be a 32-byte key (64 hex digits or base64)' }),
      )
      .optional(),
    // Downloads of public files (PDF, xlsx, CSV, JSON, engine input) per client address per minute; 0 = no limit.
    HOPEJOBS_PUBLIC_DOWNLOADS_PER_MIN: integerSetting(0, 1_000_000, 120),
    // Worker threads that build scorecard PDFs and workbooks; default: the cores but one, at least 1, at most 4.
    HOPEJOBS_RENDER_THREADS: z.coerce
      .number({ error: zodMessage({ ko: '정수여야 합니다', en: 'must be an integer' }) })
      .int(zodMessage({ ko: '정수여야 합니다', en: 'must be an integer' }))
      .min(1, zodMessage({ ko: '1 이상이어야 합니다', en: 'must be at least 1' }))
      .max(32, zodMessage({ ko: '32 이하여야 합니다', en: 'must be at most 32' }))
      .optional(),
    // Outgoing e-mail (notifications and daily digests) through an SMTP server: see docs/operations.md. Without
    // SMTP_URL or SMTP_HOST nothing is ever mailed (the demo sends nothing).
    SMTP_URL: z
      .string()
      .refine(
        (v) => {
          try {
            const u = new URL(v);
            return (u.protocol === 'smtp:' || u.protocol === 'smtps:') && u.hostname !== '';
          } catch {
            return false;
          }
        },
        zodMessage({ ko: 'smtp(s)://사용자:비밀번호@호스트:포트 형식의 URL이어야 합니다', en: 'must be a URL like smtps://user:password@host:465' }),
      )
      .optional(),
    SMTP_HOST: z
      .string()
      .min(1, zodMessage({ ko: '비어 있을 수 없습니다', en: 'must not be empty' }))
      .optional(),
    SMTP_PORT: integerSetting(1, 65535, 587),
    SMTP_USER: z.string().optional(),
    SMTP_PASS: z.string().optional(),
    SMTP_SECURE: booleanFlag.optional(),
    MAIL_FROM: z
      .string()
      .regex(
        /^(?:[^<>]*<[^\s@<>]+@[^\s@<>]+>|[^\s@<>]+@[^\s@<>]+)$/,
        zodMessage({ ko: '"이름 <주소>" 또는 주소 형식이어야 합니다', en: 'must be an address or "Name <address>"' }),
      )
      .optional(),
    HOPEJOBS_EMAIL_MAX_ATTEMPTS: integerSetting(1, 50, 6),
    HOPEJOBS_EMAIL_RETRY_BASE_S: integerSetting(1, 86_400, 60),
    HOPEJOBS_METRICS_ACCESS: z
      .enum(['loopback', 'token', 'off'], { error: zodMessage({ ko: 'loopback, token, off 중 하나여야 합니다', en: 'must be one of loopback, token, off' }) })
      .default('loopback'),
    HOPEJOBS_METRICS_TOKEN: z
      .string()
      .min(16, zodMessage({ ko: '16자 이상이어야 합니다', en: 'must have at least 16 characters' }))
      .optional(),
    // The address people reach the app at (https://…, no path): the OIDC callback and every link in an e-mail start with it.
    PUBLIC_URL: z.string().refine(isHttpUrl, HTTP_URL_MESSAGE).optional(),
    // Single sign-on with OpenID Connect (src/server/oidc.ts, docs/operations.md): on when OIDC_ISSUER is set.
    OIDC_ISSUER: z
      .string()
      .refine(
        isIssuerUrl,
        zodMessage({
          ko: 'https:// 주소여야 합니다(같은 컴퓨터의 시험용 IdP만 http 허용)',
          en: 'must be an https:// URL (http only for an IdP on this machine, for testing)',
        }),
      )
      .optional(),
    OIDC_CLIENT_ID: z
      .string()
      .min(1, zodMessage({ ko: '비어 있을 수 없습니다', en: 'must not be empty' }))
      .optional(),
    OIDC_CLIENT_SECRET: z
      .string()
      .min(1, zodMessage({ ko: '비어 있을 수 없습니다', en: 'must not be empty' }))
      .optional(),
    OIDC_REDIRECT_URI: z.string().refine(isHttpUrl, HTTP_URL_MESSAGE).optional(),
    OIDC_USERNAME_CLAIM: z
      .string()
      .regex(
        /^[A-Za-z0-9_.:-]{1,100}$/,
        zodMessage({ ko: '클레임 이름이어야 합니다(예: preferred_username, email)', en: 'must be a claim name (e.g. preferred_username, email)' }),
      )
      .default('preferred_username'),
    OIDC_PROVISION: z
      .string()
      .regex(
        /^(off|no-role|reviewer|auditor|district-officer:[A-Za-z0-9_-]{1,40})$/,
        zodMessage({
          ko: 'off, no-role, reviewer, auditor, district-officer:<단위 코드> 중 하나여야 합니다',
          en: 'must be one of off, no-role, reviewer, auditor, district-officer:<unit code>',
        }),
      )
      .default('off'),
    OIDC_DISPLAY_NAME: z
      .string()
      .min(1, zodMessage({ ko: '비어 있을 수 없습니다', en: 'must not be empty' }))
      .max(60, zodMessage({ ko: '60자 이하여야 합니다', en: 'must have at most 60 characters' }))
      .optional(),
    PASSWORD_SIGN_IN: booleanFlag.default(true),
  })
  .refine((c) => c.OIDC_ISSUER !== undefined || (c.OIDC_CLIENT_ID === undefined && c.OIDC_CLIENT_SECRET === undefined && c.OIDC_REDIRECT_URI === undefined), {
    path: ['OIDC_ISSUER'],
    message: zodMessage({
      ko: 'OIDC_CLIENT_ID 등 OIDC 설정을 쓰려면 IdP 주소(OIDC_ISSUER)가 필요합니다',
      en: 'required when other OIDC settings (OIDC_CLIENT_ID, …) are set: the address of the identity provider',
    }),
  })
  .refine((c) => c.OIDC_ISSUER === undefined || c.OIDC_CLIENT_ID !== undefined, {
    path: ['OIDC_CLIENT_ID'],
    message: zodMessage({
      ko: 'OIDC_ISSUER를 쓰면 필요합니다: IdP에 등록한 이 앱의 클라이언트 ID',
      en: 'required with OIDC_ISSUER: the client ID this app is registered under at the identity provider',
    }),
  })
  .refine((c) => c.OIDC_ISSUER === undefined || c.OIDC_REDIRECT_URI !== undefined || c.PUBLIC_URL !== undefined, {
    path: ['OIDC_REDIRECT_URI'],
    message: zodMessage({
      ko: 'OIDC_ISSUER를 쓰면 OIDC_REDIRECT_URI 또는 PUBLIC_URL이 필요합니다(IdP가 로그인 뒤 돌려보낼 주소)',
      en: 'OIDC_ISSUER needs OIDC_REDIRECT_URI or PUBLIC_URL (where the identity provider sends people back after signing in)',
    }),
  })
  .refine((c) => c.PASSWORD_SIGN_IN || c.OIDC_ISSUER !== undefined, {
    path: ['PASSWORD_SIGN_IN'],
    message: zodMessage({
      ko: 'off로 두려면 OIDC_ISSUER(통합 로그인)가 필요합니다. 그렇지 않으면 아무도 로그인할 수 없습니다',
      en: 'can be off only with OIDC_ISSUER (single sign-on); otherwise nobody could sign in',
    }),
  })
  .refine((c) => c.HOPEJOBS_METRICS_ACCESS !== 'token' || c.HOPEJOBS_METRICS_TOKEN !== undefined, {
    path: ['HOPEJOBS_METRICS_TOKEN'],
    message: zodMessage({ ko: 'HOPEJOBS_METRICS_ACCESS=token이면 필요합니다', en: 'required when HOPEJOBS_METRICS_ACCESS=token' }),
  })
  .refine((c) => c.HOPEJOBS_SIGNIN_MAX_DELAY_S >= c.HOPEJOBS_SIGNIN_FIRST_DELAY_S, {
    path: ['HOPEJOBS_SIGNIN_MAX_DELAY_S'],
    message: zodMessage({ ko: 'HOPEJOBS_SIGNIN_FIRST_DELAY_S 이상이어야 합니다', en: 'must be at least HOPEJOBS_SIGNIN_FIRST_DELAY_S' }),
  })
  .refine((c) => (c.SMTP_URL === undefined && c.SMTP_HOST === undefined) || c.MAIL_FROM !== undefined, {
    path: ['MAIL_FROM'],
    message: zodMessage({ ko: 'SMTP_URL 또는 SMTP_HOST를 쓰면 필요합니다', en: 'required with SMTP_URL or SMTP_HOST' }),
  })
  .refine((c) => c.DATABASE_READ_URL === undefined || c.DATABASE_URL !== undefined, {
    path: ['DATABASE_READ_URL'],
    message: zodMessage({ ko: 'DATABASE_URL(주 서버)과 함께만 쓸 수 있습니다', en: 'needs DATABASE_URL (the primary) as well' }),
  });

export type Config = z.infer<typeof configSchema> & { dataDir: string };

export class ConfigError extends Error {
  override name = 'ConfigError';
}

function describeValue(env: NodeJS.ProcessEnv, key: string): string {
  const v = env[key];
  if (v === undefined) return '';
  const safe = /_URL$/.test(key) ? v.replace(/\/\/([^:/@]*):[^@]*@/, '//$1:***@') : v;
  const shown = /PASSWORD|PASS$|SECRET|TOKEN/.test(key) ? '***' : safe.length > 60 ? `${safe.slice(0, 57)}...` : safe;
  return ` (got "${shown}")`;
}

/** Reads and validates the configuration; throws one ConfigError whose message has one line per bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  // Empty strings count as unset, as in most twelve-factor tools.
  const input = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = configSchema.safeParse(input);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => {
      const key = String(issue.path[0] ?? 'config');
      return `설정 오류 / configuration error: ${key}: ${bothLanguages(issueMessage(issue))}${describeValue(env, key)}`;
    });
    throw new ConfigError(lines.join('\n'));
  }
  return { ...parsed.data, dataDir: path.resolve(parsed.data.HOPEJOBS_DATA_DIR) };
}

/**
 * Fastify's `trustProxy` from HOPEJOBS_TRUST_PROXY. Only a trusted proxy's X-Forwarded-For/-Proto count, so that
 * nobody can choose their own address (per-address login throttling) or pretend to use HTTPS. The default trusts
 * a proxy on the same machine only.
 */
export function trustProxySetting(value: string): boolean | string {
  if (value === 'true') return true;
  if (value === 'false') return false;
  return value.replace(/\s+/g, '');
}
