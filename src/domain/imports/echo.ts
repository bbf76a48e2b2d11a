import type { FieldProblem, Message } from '../errors.js';

/**
 * How much of what a user uploaded an error message may quote: enough to recognise a header, a cell, a sheet or a
 * file name, never enough to turn one oversized cell into a multi-megabyte answer or history row.
 */
export const MAX_ECHO_CHARS = 100;

/** Longest message kept per problem (a message quotes at most a few inputs of MAX_ECHO_CHARS). */
const MAX_MESSAGE_CHARS = 1000;

/**
 * User input as an error message may show it: at most `max` UTF-16 units (never cutting a surrogate pair), control
 * characters as spaces, and `…` when cut. Constant time in the input's length.
 *
 * @example quoteInput('가'.repeat(500)) // → '가가…가…' (100 characters, then …)
 */
export function quoteInput(text: string, max = MAX_ECHO_CHARS): string {
  let s = text.length > max ? text.slice(0, max) : text;
  const last = s.charCodeAt(s.length - 1);
  if (text.length > max && last >= 0xd800 && last <= 0xdbff) s = s.slice(0, -1);
  // eslint-disable-next-line no-control-regex
  s = s.replace(/[\u0000-\u001f\u007f]/g, ' ');
  return text.length > max ? `${s}…` : s;
}

const boundMessage = (m: Message): Message =>
  m.ko.length <= MAX_MESSAGE_CHARS && m.en.length <= MAX_MESSAGE_CHARS
    ? m
    : { ko: quoteInput(m.ko, MAX_MESSAGE_CHARS), en: quoteInput(m.en, MAX_MESSAGE_CHARS) };

/**
 * One problem with every user-supplied part bounded: the message, the sheet name, the column (a CSV column is its
 * header as written) and the path (which holds a sheet name). The last line of defence behind `quoteInput`.
 */
export function boundProblem(p: FieldProblem): FieldProblem {
  return {
    path: quoteInput(p.path, MAX_ECHO_CHARS + 20),
    message: boundMessage(p.message),
    ...(p.sheet !== undefined ? { sheet: quoteInput(p.sheet) } : {}),
    ...(p.row !== undefined ? { row: p.row } : {}),
    ...(p.column !== undefined ? { column: quoteInput(p.column) } : {}),
  };
}
