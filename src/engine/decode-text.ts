import { decodeCp949 } from './decode-cp949.js';

/**
 * Decodes the bytes of an uploaded CSV/JSON file: UTF-8 (with or without a byte-order mark) when the bytes are valid
 * UTF-8, else CP949 (the Korean Windows code page, a superset of EUC-KR; see `decodeCp949`). Works in browsers and in
 * Node (full ICU).
 */

/** Which encoding the bytes were read as. */
export type TextEncodingName = 'utf-8' | 'utf-8-bom' | 'cp949';

/** Decoded text and the encoding detected. */
export interface DecodedText {
  readonly text: string;
  readonly encoding: TextEncodingName;
}

/**
 * Detects and decodes: valid UTF-8 → UTF-8 (a leading BOM is dropped), otherwise CP949.
 *
 * @example decodeText(new Uint8Array([0xb0, 0xa1])).text // '가' (CP949)
 */
export function decodeText(bytes: Uint8Array): DecodedText {
  const hasBom = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  try {
    const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(hasBom ? bytes.subarray(3) : bytes);
    return { text, encoding: hasBom ? 'utf-8-bom' : 'utf-8' };
  } catch {
    return { text: decodeCp949(bytes), encoding: 'cp949' };
  }
}

/** Text as given, or decoded bytes; a leading BOM character in given text is dropped too. */
export function toText(content: string | Uint8Array): DecodedText {
  if (typeof content === 'string') {
    return content.charCodeAt(0) === 0xfeff ? { text: content.slice(1), encoding: 'utf-8-bom' } : { text: content, encoding: 'utf-8' };
  }
  return decodeText(content);
}
