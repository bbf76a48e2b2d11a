const units = ['B', 'KB', 'MB', 'GB'] as const;

/** A file size for people, e.g. 12 KB or 3.4 MB (1 KB = 1,024 bytes, as file managers show it). */
export function formatFileSize(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) return '–';
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  const digits = unit === 0 || value >= 10 ? 0 : 1;
  return `${value.toLocaleString('ko-KR', { maximumFractionDigits: digits })} ${units[unit]}`;
}
