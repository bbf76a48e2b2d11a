import { bothLanguages, type Message } from '../message.js';
import { josaPick } from '../korean.js';

/**
 * Typed domain errors. Services throw them; the server maps them to RFC 9457 problem details in one place,
 * the CLI prints them as lines. Every message exists in Korean and English (a {@link Message}).
 */
export type { Message };

export type ErrorKind = 'invalid' | 'unauthenticated' | 'forbidden' | 'not_found' | 'conflict' | 'locked' | 'too_many_requests' | 'unavailable';

/** One problem at a location: a field path in a body, or sheet/row/column in a file. */
export interface FieldProblem {
  path: string;
  message: Message;
  sheet?: string;
  row?: number;
  column?: string;
}

export class DomainError extends Error {
  override name = 'DomainError';
  constructor(
    readonly kind: ErrorKind,
    readonly code: string,
    readonly msg: Message,
    readonly problems: FieldProblem[] = [],
    readonly extra: Record<string, unknown> = {},
  ) {
    super(bothLanguages(msg));
  }
}

export const forbidden = (msg: Message = { ko: '이 작업을 할 권한이 없습니다.', en: 'You are not allowed to do this.' }) =>
  new DomainError('forbidden', 'forbidden', msg);

export const notFound = (what: Message) =>
  new DomainError('not_found', 'not_found', { ko: `${what.ko}${josaPick(what.ko, '을/를')} 찾을 수 없습니다.`, en: `${what.en} not found.` });
