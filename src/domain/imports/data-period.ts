import { OCCURRED_ON } from '../activities/definition.js';
import { checkFieldValue } from '../activities/record-data.js';
import type { FieldProblem, Message } from '../errors.js';
import { activityRowValidator, type RowValidator } from './bulk-record-validator.js';
import { josaPick } from '../../korean.js';

export interface DataPeriod {
  start: string;
  end: string;
}

const dateField = { key: OCCURRED_ON, label: { ko: '실적 일자', en: 'Date' }, type: 'date' as const, required: true };

function outside(period: DataPeriod, date: string): Message {
  return {
    ko: `날짜 ${date}${josaPick(date, '은/는')} 실적 기간(${period.start} ~ ${period.end}) 밖입니다.`,
    en: `The date ${date} is outside the data period (${period.start} – ${period.end}).`,
  };
}

/**
 * The activity-record rules plus the cycle's data period: a record dated outside it is refused at its date. The
 * date is checked even when other cells of the row are wrong, so one pass reports every problem of the row.
 * With `onlyType`, rows of any other record type are refused (a file for one type).
 */
export function periodRowValidator(period: DataPeriod, opts: { onlyType?: string | undefined; base?: RowValidator } = {}): RowValidator {
  const base = opts.base ?? activityRowValidator();
  return (type, row) => {
    if (opts.onlyType && type.code !== opts.onlyType) {
      const message = { ko: `이 파일에는 '${opts.onlyType}' 실적만 올릴 수 있습니다.`, en: `This file may only hold '${opts.onlyType}' records.` };
      return { ok: false, problems: [{ path: 'record_type', message }] };
    }
    const r = base(type, row);
    const path = type.dateField === OCCURRED_ON ? 'occurredOn' : `data.${type.dateField}`;
    let date: string | undefined;
    if (r.ok) date = r.occurredOn;
    else if (!r.problems.some((p) => p.path === path)) {
      const checked = checkFieldValue(dateField, type.dateField === OCCURRED_ON ? row.occurredOn : row.data[type.dateField], { coerce: true });
      if (checked.ok && typeof checked.value === 'string') date = checked.value;
    }
    if (date === undefined || (date >= period.start && date <= period.end)) return r;
    const problem: FieldProblem = { path, message: outside(period, date) };
    return { ok: false, problems: r.ok ? [problem] : [...r.problems, problem] };
  };
}
