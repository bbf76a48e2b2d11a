/**
 * A Content-Disposition for a generated file: an ASCII name for old clients and the exact UTF-8 name
 * (RFC 6266 / RFC 8187), e.g. `attachment; filename="2020_11215_records.xlsx";
 * filename*=UTF-8''2020_%EA%B4%91%EC%A7%84%EA%B5%AC_%EC%8B%A4%EC%A0%81.xlsx`.
 * Without `asciiName` the fallback is `name` with every non-ASCII letter as `_`. The one builder for every download
 * (exports, open data, the scorecard PDF, evidence files): nothing in a name can break the header.
 */
export function attachmentDisposition(name: string, asciiName: string = name): string {
  const fallback = asciiName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\%;]/g, '_');
  const exact = encodeURIComponent(name.normalize('NFC').replace(/[/\\\p{Cc}]/gu, '_')).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${fallback}"; filename*=UTF-8''${exact}`;
}
