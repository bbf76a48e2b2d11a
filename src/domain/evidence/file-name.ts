/** Longest stored name in UTF-8 bytes: under the 255-byte limit of common file systems, with room to spare. */
const MAX_NAME_BYTES = 200;
const WINDOWS_RESERVED = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])$/i;

/**
 * Makes an uploaded file's name safe to store and to offer back as a download name: keeps only the last path
 * segment (so `../../etc/passwd` becomes `passwd`), drops control and invisible formatting characters (including
 * bidirectional overrides that disguise `exe.pdf` as `fdp.exe`), replaces characters Windows forbids, composes
 * Hangul to NFC (macOS sends decomposed jamo), and shortens long names while keeping the extension.
 * The name is only ever displayed: files are stored under their sha256, never under this name.
 *
 * @example sanitizeFileName('..\\..\\보고서\u202Efdp.exe') // → '보고서fdp.exe'
 */
export function sanitizeFileName(name: string): string {
  let s = name.normalize('NFC');
  s = s.split(/[/\\]/).pop() ?? '';
  s = s.replace(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu, '');
  s = s.replace(/[<>:"|?*]/g, '_');
  s = s.replace(/\s+/g, ' ').trim();
  // Leading dots hide files on Unix and make `..`; trailing dots and spaces are dropped by Windows.
  s = s.replace(/^[.\s]+/, '').replace(/[.\s]+$/, '');
  const { stem, extension } = splitExtension(s);
  let base = WINDOWS_RESERVED.test(stem) ? `_${stem}` : stem;
  if (base === '') base = 'file';
  const suffix = extension ? `.${extension}` : '';
  return truncateUtf8(base, MAX_NAME_BYTES - Buffer.byteLength(suffix)) + suffix;
}

/** The lower-case extension without the dot ('' when there is none). */
export function fileExtension(name: string): string {
  return splitExtension(name).extension.toLowerCase();
}

function splitExtension(name: string): { stem: string; extension: string } {
  const dot = name.lastIndexOf('.');
  if (dot <= 0) return { stem: name, extension: '' };
  const extension = name.slice(dot + 1);
  // Only a short alphanumeric tail is an extension; "보고서. 최종" is not.
  if (!/^[A-Za-z0-9]{1,10}$/.test(extension)) return { stem: name, extension: '' };
  return { stem: name.slice(0, dot).replace(/[.\s]+$/, ''), extension };
}

/** Cuts whole code points until the UTF-8 form fits. */
function truncateUtf8(s: string, maxBytes: number): string {
  if (Buffer.byteLength(s) <= maxBytes) return s;
  let out = '';
  let bytes = 0;
  for (const ch of s) {
    const n = Buffer.byteLength(ch);
    if (bytes + n > maxBytes) break;
    out += ch;
    bytes += n;
  }
  return out.trimEnd();
}

/** Replaces the extension (or adds one), e.g. to give an extension-less upload the one its content proves. */
export function withExtension(name: string, extension: string): string {
  const { stem } = splitExtension(name);
  return sanitizeFileName(`${stem}.${extension}`);
}
