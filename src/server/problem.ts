import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { BILINGUAL_MESSAGE, validationMessage } from '../contract/messages.js';
import { DomainError, type ErrorKind, type FieldProblem, type Message } from '../domain/errors.js';
import { isDatabaseUnavailable } from './db-unavailable.js';

/** RFC 9457 problem details, with `errors[]` pointing at fields (and sheet/row/column for files). */
export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail?: string;
  code: string;
  errors?: Array<{ path: string; message: string; sheet?: string; row?: number; column?: string }>;
  [key: string]: unknown;
}

export type Lang = 'ko' | 'en';

const statusOf: Record<ErrorKind, number> = {
  invalid: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  locked: 423,
  too_many_requests: 429,
  unavailable: 503,
};

const titles: Record<number, Message> = {
  400: { ko: '요청 내용이 올바르지 않습니다', en: 'Invalid request' },
  401: { ko: '로그인이 필요합니다', en: 'Sign-in required' },
  403: { ko: '권한이 없습니다', en: 'Forbidden' },
  404: { ko: '찾을 수 없습니다', en: 'Not found' },
  409: { ko: '다른 변경과 충돌합니다', en: 'Conflict' },
  413: { ko: '파일이 너무 큽니다', en: 'Payload too large' },
  415: { ko: '지원하지 않는 형식입니다', en: 'Unsupported media type' },
  423: { ko: '잠겨 있습니다', en: 'Locked' },
  429: { ko: '요청이 너무 많습니다', en: 'Too many requests' },
  500: { ko: '서버 오류', en: 'Internal server error' },
  503: { ko: '일시적으로 사용할 수 없습니다', en: 'Service unavailable' },
};

/** Korean unless the caller prefers English (Accept-Language or ?lang=en). */
export function requestLang(req: FastifyRequest): Lang {
  const q = (req.query as Record<string, unknown> | undefined)?.lang;
  if (q === 'en' || q === 'ko') return q;
  const al = req.headers['accept-language'];
  if (typeof al === 'string') {
    const first = al.split(',')[0]?.trim().toLowerCase() ?? '';
    if (first.startsWith('en')) return 'en';
  }
  return 'ko';
}

const koLocale = z.locales.ko();
const enLocale = z.locales.en();

const BILINGUAL = BILINGUAL_MESSAGE;

/** A custom validation message in both languages (the encoding lives with the schemas, in src/contract). */
export const bilingual: (message: Message) => string = validationMessage;

function localiseIssue(raw: Record<string, unknown>, fallback: string, lang: Lang): string {
  if (fallback.startsWith(BILINGUAL)) {
    try {
      const m = JSON.parse(fallback.slice(BILINGUAL.length)) as Partial<Message>;
      if (typeof m[lang] === 'string') return m[lang];
    } catch {
      // not ours after all: shown as written
    }
  }
  const issue = { ...raw, input: raw.input };
  const locale = lang === 'ko' ? koLocale : enLocale;
  const enDefault = enLocale.localeError?.(issue as never);
  const enText = typeof enDefault === 'string' ? enDefault : enDefault?.message;
  // A custom message in the schema wins; only zod's default English text is translated.
  if (enText !== undefined && enText !== fallback) return fallback;
  const out = locale.localeError?.(issue as never);
  return (typeof out === 'string' ? out : out?.message) ?? fallback;
}

function pathOf(instancePath: string, context: string | undefined): string {
  const parts = instancePath.split('/').filter(Boolean);
  return [context ?? 'body', ...parts].join('.');
}

export function fieldProblemsToJson(problems: FieldProblem[], lang: Lang): NonNullable<ProblemDetails['errors']> {
  return problems.map((p) => ({
    path: p.path,
    message: p.message[lang],
    ...(p.sheet !== undefined ? { sheet: p.sheet } : {}),
    ...(p.row !== undefined ? { row: p.row } : {}),
    ...(p.column !== undefined ? { column: p.column } : {}),
  }));
}

const databaseUnavailable = () =>
  new DomainError('unavailable', 'database_unavailable', {
    ko: '데이터베이스에 연결할 수 없습니다. 잠시 후 다시 시도하세요.',
    en: 'The database cannot be reached. Please try again shortly.',
  });

/**
 * PostgreSQL data exceptions that only a value sent by the caller can cause: an id or version beyond the integer
 * column's range, a NUL or otherwise unstorable character, text too long, a date out of range. The request is
 * wrong, not the server: 400, and the failed statement's transaction has rolled back. (Division by zero and the
 * like stay 500: those are bugs.)
 */
const INVALID_VALUE_SQLSTATES = new Set(['22001', '22003', '22007', '22008', '22021', '22P02', '22P05']);

function isInvalidValue(err: unknown): boolean {
  for (let e = err, depth = 0; e && typeof e === 'object' && depth < 8; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && INVALID_VALUE_SQLSTATES.has(code)) return true;
  }
  return false;
}

const invalidValue = () =>
  new DomainError('invalid', 'invalid_value', {
    ko: '저장할 수 없는 값이 있습니다 (너무 큰 번호, 허용되지 않는 문자 등). 입력값을 확인하세요.',
    en: 'A value cannot be stored (a number out of range, a character not allowed, …). Check the values you sent.',
  });

/**
 * The multipart parser's own errors — no boundary, an empty or over-long one, a body that ends before its closing
 * boundary — are a malformed upload, not a server fault. They are plain errors, recognised by where they arise.
 */
function isMalformedMultipart(err: unknown): boolean {
  return err instanceof Error && (err as { statusCode?: unknown }).statusCode === undefined && /[\\/]@fastify[\\/]busboy[\\/]/.test(err.stack ?? '');
}

const malformedMultipart = () =>
  new DomainError('invalid', 'malformed_multipart', {
    ko: '업로드 형식(multipart/form-data)이 올바르지 않거나 전송이 중간에 끊겼습니다. 파일을 다시 올리세요.',
    en: 'The upload (multipart/form-data) is malformed or was cut short. Upload the file again.',
  });

export function problemFor(error: unknown, req: FastifyRequest): ProblemDetails {
  const lang = requestLang(req);
  const err =
    error instanceof DomainError
      ? error
      : isDatabaseUnavailable(error)
        ? databaseUnavailable()
        : isInvalidValue(error)
          ? invalidValue()
          : isMalformedMultipart(error)
            ? malformedMultipart()
            : error;
  if (err instanceof DomainError) {
    const status = statusOf[err.kind];
    return {
      type: `https://hopejobs.kr/problems/${err.code}`,
      title: (titles[status] ?? titles[500]!)[lang],
      status,
      detail: err.msg[lang],
      code: err.code,
      ...(err.problems.length ? { errors: fieldProblemsToJson(err.problems, lang) } : {}),
      ...err.extra,
    };
  }
  if (hasZodFastifySchemaValidationErrors(err)) {
    const ctx = (err as { validationContext?: string }).validationContext;
    return {
      type: 'https://hopejobs.kr/problems/validation',
      title: titles[400]![lang],
      status: 400,
      detail: lang === 'ko' ? '입력값을 확인하세요.' : 'Check the values you sent.',
      code: 'validation',
      errors: err.validation.map((v) => ({
        path: pathOf(v.instancePath, ctx),
        message: localiseIssue({ code: v.keyword, ...(v.params as Record<string, unknown>) }, v.message ?? '', lang),
      })),
    };
  }
  const fe = err as FastifyError;
  const status = typeof fe.statusCode === 'number' && fe.statusCode >= 400 && fe.statusCode < 500 ? fe.statusCode : 500;
  return {
    type: status === 500 ? 'about:blank' : `https://hopejobs.kr/problems/http-${status}`,
    title: (titles[status] ?? titles[400]!)[lang],
    status,
    // Internals of a 5xx are logged, never shown.
    ...(status < 500 && fe.message ? { detail: fe.message } : {}),
    code: status === 500 ? 'internal' : (fe.code ?? `http_${status}`),
  };
}

/** An error answer is never stored by a browser or proxy (a 404 of a year not yet published must not outlive it). */
export function sendProblem(reply: FastifyReply, problem: ProblemDetails) {
  reply.removeHeader('etag');
  return reply.code(problem.status).header('cache-control', 'no-store').type('application/problem+json; charset=utf-8').send(problem);
}

export function errorHandler(this: unknown, err: FastifyError, req: FastifyRequest, reply: FastifyReply) {
  const problem = problemFor(err, req);
  if (problem.status === 429 && typeof problem.retryAfter === 'number') reply.header('retry-after', String(problem.retryAfter));
  if (problem.status === 503) {
    reply.header('retry-after', '5');
    req.log.warn({ err: err.message, code: problem.code }, 'service unavailable');
  } else if (problem.status >= 500) req.log.error({ err }, 'request failed');
  else req.log.debug({ err: err.message, code: problem.code }, 'request rejected');
  return sendProblem(reply, problem);
}
