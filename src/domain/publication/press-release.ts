/**
 * A press-release draft (보도자료 초안) in the style of Seoul's releases, generated from a cycle's results for the
 * city to edit: headline and sub-headlines, □ paragraphs with ○ points, winners by tier with prize money, streaks
 * ("N년 연속 우수구"), the winners' activities, a quote placeholder, notices and a results table as attachment.
 * Placeholders the city must fill are marked ○○○ or [ … ].
 */
import { fieldPoints, type FrameworkDefinition } from '../frameworks/definition.js';
import type { CycleOutcome, UnitOutcome } from '../scoring/evaluate.js';
import { formatWonEn, formatWonKo } from '../../engine/index.js';
import { englishDate, koreanDate, koreanDay, monthYear, parseCalendarDate, particle, type CalendarDate } from './korean-text.js';
import { DEMO_LABEL, DEMO_NOTICE, illustrativeNotice, indicatorByCode, joinNames, shortName, unitsByCode, type Lang } from './labels.js';
import { fixed } from './number-format.js';
import { countKo, excellentTitle, SEOUL_UNIT_WORDS, type UnitWords } from '../reference/unit-words.js';
import { josaPick } from '../../korean.js';

export interface PressReleaseOptions {
  /** The city as the release names it: "서울시". */
  cityName: string;
  /** Release date, `YYYY-MM-DD`. */
  date: string;
  /** A demo cycle: the draft says so at the top and at the end. */
  demo: boolean;
  /** What the winners did, one line per activity (from their activity records); derived from the scores if absent. */
  highlights?: Array<{ orgUnitCode: string; lines: string[] }>;
  /** The data period, `YYYY-MM-DD` (default: 1 September of the previous year – 31 August). */
  period?: { from: string; to: string };
  /** The evaluation's name (default "희망일자리 만들기"). */
  programName?: string;
  /** The responsible division (default "일자리정책과"). */
  department?: string;
  /** What the units are called ('구'/'자치구' by default; '시·군' in a province). */
  unitWords?: UnitWords;
}

export interface PressReleaseSummaryOptions {
  /** "Seoul". */
  cityName: string;
  date: string;
  demo: boolean;
  /** English unit names by code (e.g. from the reference data); the Korean name is used when absent. */
  unitNamesEn?: Record<string, string>;
  period?: { from: string; to: string };
  programName?: string;
  /** What the units are called ('district' by default). */
  unitWords?: UnitWords;
}

const FN = 'pressReleaseDraft';
const LONG_TIER_LIST = 3;

interface Facts {
  year: number;
  words: UnitWords;
  /** '우수구' / '우수 시·군'. */
  excellent: { ko: string; en: string };
  prizeTotal: number;
  date: CalendarDate;
  from: CalendarDate;
  to: CalendarDate;
  units: UnitOutcome[];
  byCode: Map<string, UnitOutcome>;
  tiers: Array<CycleOutcome['tiers'][number] & { units: UnitOutcome[] }>;
  awarded: UnitOutcome[];
  /** Units with a streak of 2 years or more, longest first. */
  streaks: UnitOutcome[];
  /** The units holding the longest current streak (≥ 2 years). */
  longest: UnitOutcome[];
  fields: Array<{ name: { ko: string; en: string }; points: number }>;
  indicatorCount: number;
  qualitativeCount: number;
  newIndicators: Array<{ code: string; name: { ko: string; en: string } }>;
}

function facts(
  outcome: CycleOutcome,
  framework: FrameworkDefinition,
  date: string,
  period: PressReleaseOptions['period'],
  fn: string,
  words: UnitWords = SEOUL_UNIT_WORDS,
): Facts {
  const byCode = unitsByCode(outcome);
  const tiers = outcome.tiers.map((t) => ({ ...t, units: t.winners.map((c) => byCode.get(c)).filter((u): u is UnitOutcome => u !== undefined) }));
  const awardedCodes = new Set(outcome.tiers.flatMap((t) => t.winners));
  const streaks = outcome.units
    .filter((u) => (u.streak?.length ?? 0) >= 2)
    .sort((a, b) => (b.streak?.length ?? 0) - (a.streak?.length ?? 0) || (a.rank ?? Infinity) - (b.rank ?? Infinity));
  const longestLength = streaks[0]?.streak?.length ?? 0;
  const perField = fieldPoints(framework);
  return {
    year: outcome.year,
    words,
    excellent: excellentTitle(words),
    prizeTotal: outcome.prizeTotal,
    date: parseCalendarDate(date, fn),
    from: parseCalendarDate(period?.from ?? `${outcome.year - 1}-09-01`, fn),
    to: parseCalendarDate(period?.to ?? `${outcome.year}-08-31`, fn),
    units: outcome.units,
    byCode,
    tiers,
    awarded: outcome.units.filter((u) => awardedCodes.has(u.code)),
    streaks,
    longest: streaks.filter((u) => u.streak?.length === longestLength),
    fields: framework.fields.map((f) => ({ name: f.name, points: perField.get(f.code) ?? 0 })),
    indicatorCount: framework.indicators.length,
    qualitativeCount: framework.indicators.filter((i) => i.kind === 'qualitative').length,
    newIndicators: framework.indicators.filter((i) => i.isNew).map((i) => ({ code: i.code, name: i.name })),
  };
}

/** "광진구·관악구" for up to `max` names, else "광진구 등 3개 구" — how headlines and leads name a group. */
function groupKo(units: readonly UnitOutcome[], words: UnitWords, max = 2): string {
  if (units.length <= max)
    return joinNames(
      units.map((u) => u.name),
      'ko',
    );
  return `${units[0]?.name ?? ''} 등 ${countKo(units.length, words)}`;
}

/**
 * The streaks a headline names: the longest, and the next length when it is 3 years or more ("관악구 5년·광진구 4년
 * 연속 우수구") — a district's long run is news even when another's is longer.
 */
function headlineStreaks(f: Facts): Array<{ length: number; units: UnitOutcome[] }> {
  const lengths = [...new Set(f.streaks.map((u) => u.streak?.length ?? 0))];
  return lengths
    .slice(0, 2)
    .filter((length, i) => i === 0 || length >= 3)
    .map((length) => ({ length, units: f.streaks.filter((u) => u.streak?.length === length) }));
}

function headline(f: Facts, o: PressReleaseOptions): string {
  const program = o.programName ?? '희망일자리 만들기';
  const parts: string[] = [];
  const top = f.tiers.find((t) => t.units.length > 0);
  const longestCodes = new Set(f.longest.map((u) => u.code));
  if (top && !top.units.every((u) => longestCodes.has(u.code))) parts.push(`${groupKo(top.units, f.words)} ${top.name.ko}`);
  const streaks = headlineStreaks(f);
  if (streaks.length > 0) parts.push(`${streaks.map((g) => `${groupKo(g.units, f.words)} ${g.length}년`).join('·')} 연속 ${f.excellent.ko}`);
  const tail = parts.length > 0 ? `… ${parts.join(', ')}` : '';
  return `${o.cityName}, ${f.year} ${program} 평가 결과 발표${tail}`;
}

function subheads(f: Facts): string[] {
  const lines: string[] = [];
  const top = f.tiers.find((t) => t.units.length > 0);
  const total = f.prizeTotal;
  if (top) {
    const prize = total > 0 ? `… ${countKo(f.awarded.length, f.words)}에 시상금 총 ${formatWonKo(total)}` : `… ${countKo(f.awarded.length, f.words)} 시상`;
    lines.push(
      `${joinNames(
        top.units.map((u) => u.name),
        'ko',
      )} ${top.name.ko} 선정${prize}`,
    );
  }
  if (f.streaks.length > 0) {
    const shown = f.streaks.slice(0, 3).map((u) => `${u.name} ${u.streak?.length ?? 0}년`);
    lines.push(`${shown.join(', ')} 연속 ${f.excellent.ko}`);
  }
  const fields = f.fields.map((x) => x.name.ko).join('·');
  const novelty = f.newIndicators.length > 0 ? `, '${shortName(f.newIndicators[0]?.name.ko ?? '')}' 지표 신설` : '';
  lines.push(`${fields} ${f.fields.length}개 분야 ${f.indicatorCount}개 세부지표로 ${f.units.length}개 ${f.words.nameKo} 평가${novelty}`);
  return lines.map((l) => `- ${l}`);
}

function lead(f: Facts, o: PressReleaseOptions): string {
  const program = o.programName ?? '희망일자리 만들기';
  const named = f.tiers
    .filter((t) => t.units.length > 0)
    .slice(0, 2)
    .map((t) => `${particle(groupKo(t.units, f.words, LONG_TIER_LIST), '을/를')} ${particle(t.name.ko, '으로/로')}`);
  const selection = named.length > 0 ? `${named.join(', ')} 선정했다고` : '발표했다고';
  return `□ ${particle(o.cityName, '은/는')} '${f.year} ${program}' ${f.words.parentNounKo}·${f.words.nounKo} 공동협력사업 평가 결과 ${selection} ${koreanDay(f.date)} 밝혔다.`;
}

function scope(f: Facts, framework: FrameworkDefinition): string[] {
  const fieldText = f.fields.map((x) => `'${x.name.ko}'(${fixed(x.points, 0)}점)`);
  const fieldList = fieldText.length === 2 ? `${particle(fieldText[0] ?? '', '과/와')} ${fieldText[1] ?? ''}` : fieldText.join(', ');
  const lines = [
    `□ 이번 평가는 ${particle(`${f.units.length}개 ${f.words.nameKo}`, '이/가')} ${monthYear(f.from, 'ko')}부터 ${monthYear(f.to, 'ko')}까지 추진한 일자리 정책 실적을 대상으로, ${fieldList} ${f.fields.length}개 분야 ${f.indicatorCount}개 세부지표에 걸쳐 이뤄졌다.`,
  ];
  if (f.newIndicators.length > 0) {
    const names = f.newIndicators.map((i) => `'${shortName(i.name.ko)}'`).join(', ');
    lines.push(`  ○ 올해는 ${names} 지표를 새로 도입했다.`);
  }
  const quantitative = f.indicatorCount - f.qualitativeCount;
  const rules = framework.adjustments.rules;
  const bonus = rules.filter((r) => r.kind === 'bonus').map((r) => r.name.ko);
  const penalty = rules.filter((r) => r.kind === 'penalty').map((r) => r.name.ko);
  // Without a panel the sentence still needs its verb.
  const panel = f.qualitativeCount > 0 ? `, 정성지표 ${f.qualitativeCount}개는 외부 전문가 심사로 평가했다` : ' 평가했다';
  lines.push(
    `  ○ 정량지표 ${quantitative}개는 ${particle(f.words.nameKo, '이/가')} 제출하고 ${particle(f.words.parentNounKo, '이/가')} 검증한 실적으로${panel}.`,
  );
  if (bonus.length > 0 || penalty.length > 0) {
    const b = bonus.length > 0 ? `${bonus.join('·')} 등 가점(최대 ${framework.adjustments.bonusCap ?? '–'}점)` : '';
    const p = penalty.length > 0 ? `${penalty.join('·')} 등 감점(최대 ${framework.adjustments.penaltyCap ?? '–'}점)` : '';
    lines.push(`  ○ 여기에 ${[b, p].filter(Boolean).join('과 ')}${josaPick([b, p].filter(Boolean).join('과 '), '을/를')} 반영해 최종 순위를 정했다.`);
  }
  return lines;
}

function winners(f: Facts, outcome: CycleOutcome, framework: FrameworkDefinition): string[] {
  const paid = f.tiers.filter((t) => t.units.length > 0);
  if (paid.length === 0) return [];
  const lines = [
    outcome.prizeTotal > 0
      ? `□ 평가 결과에 따라 ${particle(f.words.parentNounKo, '은/는')} ${countKo(f.awarded.length, f.words)}에 시상금 총 ${formatWonKo(outcome.prizeTotal)}${josaPick(formatWonKo(outcome.prizeTotal), '을/를')} 지급한다.`
      : `□ 평가 결과 ${particle(countKo(f.awarded.length, f.words), '이/가')} 시상 대상으로 선정됐다.`,
  ];
  for (const t of paid) {
    const money = t.prizeEach > 0 ? ` — 각 ${formatWonKo(t.prizeEach)} (계 ${formatWonKo(t.total)})` : '';
    const rule = framework.awards.tiers.find((x) => x.code === t.code)?.rule.kind;
    const improved = rule === 'mostImproved' ? ` ※ 전년 대비 순위 상승 폭이 큰 ${f.words.nounKo}` : '';
    lines.push(
      `  ○ ${t.name.ko}(${countKo(t.units.length, f.words)}): ${joinNames(
        t.units.map((u) => u.name),
        'ko',
      )}${money}${improved}`,
    );
  }
  const first = f.units[0];
  if (first && first.score !== null) {
    const adjustment = first.bonus + first.penalty;
    const note = adjustment !== 0 ? `(${adjustment > 0 ? '가점' : '감점'} ${fixed(Math.abs(adjustment), 1)}점 반영)` : '';
    lines.push(`  ○ 종합 1위는 총점 ${fixed(first.score, 2)}점${note}${josaPick(`점${note}`, '을/를')} 받은 ${particle(first.name, '이다/다')}.`);
  }
  return lines;
}

function streakParagraph(f: Facts): string[] {
  if (f.streaks.length === 0) return [];
  const longest = f.streaks.filter((u) => (u.streak?.length ?? 0) >= 3);
  const shorter = f.streaks.filter((u) => (u.streak?.length ?? 0) < 3);
  const sentences: string[] = [];
  if (longest.length > 0) {
    const clauses = longest.map((u) => `${particle(u.name, '은/는')} ${u.streak?.from}년부터 ${u.streak?.length}년 연속`);
    sentences.push(`${clauses.join(', ')} ${f.excellent.ko}에 선정되는 성과를 거뒀다.`);
  }
  if (shorter.length > 0) {
    sentences.push(
      `${joinNames(
        shorter.map((u) => u.name),
        'ko',
      )}도 ${shorter[0]?.streak?.length}년 연속 ${f.excellent.ko}에 이름을 올렸다.`,
    );
  }
  return [`□ ${sentences.join(' ')}`];
}

function derivedLines(u: UnitOutcome, framework: FrameworkDefinition): string[] {
  const indicators = indicatorByCode(framework);
  const strongest = u.explanation.gains.slice(0, 3).flatMap((g) => {
    const ind = indicators.get(g.iCode);
    if (!ind) return [];
    return [`'${shortName(ind.name.ko)}' ${fixed(u.points[g.iCode] ?? 0, 2)}점(배점 ${ind.points}점)`];
  });
  const lines: string[] = [];
  if (strongest.length > 0) lines.push(`${strongest.join(', ')} 등에서 높은 점수를 받았다.`);
  lines.push(`[활동 실적 요약을 입력하십시오: ${u.name}의 주요 사업과 성과]`);
  return lines;
}

function highlightParagraph(f: Facts, framework: FrameworkDefinition, o: PressReleaseOptions): string[] {
  let items: Array<{ unit: UnitOutcome; lines: string[] }>;
  if (o.highlights && o.highlights.length > 0) {
    items = o.highlights.flatMap((h) => {
      const unit = f.byCode.get(h.orgUnitCode);
      return unit && h.lines.length > 0 ? [{ unit, lines: h.lines }] : [];
    });
  } else {
    const top = f.tiers.find((t) => t.units.length > 0)?.units ?? [];
    const chosen = [...top, ...f.longest.filter((u) => !top.includes(u))];
    items = chosen.slice(0, 5).map((unit) => ({ unit, lines: derivedLines(unit, framework) }));
  }
  if (items.length === 0) return [];
  const out = [`□ ${particle(f.excellent.ko, '으로/로')} 선정된 ${f.words.nameKo}의 주요 추진 사례는 다음과 같다.`];
  for (const { unit, lines } of items) {
    const tier = unit.awardTier ? f.tiers.find((t) => t.code === unit.awardTier)?.name.ko : null;
    const streak = unit.streak && unit.streak.length >= 2 ? `, ${unit.streak.length}년 연속` : '';
    out.push(`  ○ ${unit.name}${tier ? ` (${tier}${streak})` : ''}`);
    for (const line of lines) out.push(`    - ${line}`);
  }
  return out;
}

function attachment(f: Facts): string[] {
  const tierName = new Map(f.tiers.map((t) => [t.code, t.name.ko]));
  const rows = f.units.map((u) =>
    [
      u.rank ?? '–',
      u.name,
      fixed(u.score, 2),
      u.awardTier ? (tierName.get(u.awardTier) ?? u.awardTier) : '',
      u.prize > 0 ? formatWonKo(u.prize) : '',
      u.streak && u.streak.length >= 2 ? `${u.streak.length}년 연속` : '',
    ]
      .map(String)
      .join(' | ')
      .trimEnd(),
  );
  return [
    `[붙임] ${f.year} ${f.words.nameKo}별 평가 결과`,
    '',
    `순위 | ${f.words.nameKo} | 총점(점) | 등급 | 시상금 | 연속 우수`,
    '---|---|---|---|---|---',
    ...rows.map((r) => r),
  ];
}

/** The award winners as a second table of the attachment: tier, units, prize each and the tier's total. */
function awardTable(f: Facts): string[] {
  const paid = f.tiers.filter((t) => t.units.length > 0);
  if (paid.length === 0) return [];
  return [
    `[붙임] ${f.year} 시상 내역`,
    '',
    `등급 | ${f.words.nameKo} | 1곳당 시상금 | 시상금 계`,
    '---|---|---|---',
    ...paid.map((t) =>
      [
        t.name.ko,
        joinNames(
          t.units.map((u) => u.name),
          'ko',
        ),
        t.prizeEach > 0 ? formatWonKo(t.prizeEach) : '–',
        t.total > 0 ? formatWonKo(t.total) : '–',
      ].join(' | '),
    ),
    ...(f.prizeTotal > 0 ? [`합계 | ${countKo(f.awarded.length, f.words)} | | ${formatWonKo(f.prizeTotal)}`] : []),
  ];
}

/**
 * A Korean press-release draft for a cycle's results (plain text with Markdown-style headline), ready for the
 * city to edit. Reads like a Seoul release: dateline, headline naming the top district(s) and the longest current
 * streak, sub-headlines, □/○ paragraphs (lead; what was evaluated: fields, indicators, data period, districts; winners
 * by tier with prize money and total; streaks; the winners' activities — from `highlights`, or derived from their
 * strongest indicators; the division head's quote as a placeholder), notices (demo data, illustrative framework),
 * contact placeholders and the results table as attachment. Pure: the same input gives the same text.
 *
 * @throws {Error} when `date` or the period is not a `YYYY-MM-DD` calendar date.
 * @example pressReleaseDraft(outcome, framework, { cityName: '서울시', date: '2019-11-20', demo: true }).split('\n')[0]
 */
export function pressReleaseDraft(outcome: CycleOutcome, framework: FrameworkDefinition, options: PressReleaseOptions): string {
  const f = facts(outcome, framework, options.date, options.period, FN, options.unitWords);
  const department = options.department ?? '일자리정책과';
  const notices: string[] = [];
  if (options.demo) notices.push(`※ ${DEMO_NOTICE.ko} 공식 발표에 사용할 수 없습니다.`);
  const illustrative = illustrativeNotice(framework);
  if (illustrative) notices.push(`※ ${illustrative.ko}`);
  const blocks: string[][] = [
    options.demo ? [`[${DEMO_LABEL.ko}] 이 보도자료 초안은 합성 자료로 만든 것이며 실제 평가 결과가 아닙니다.`] : [],
    [
      '보도자료',
      `보도일시: ${koreanDate(f.date)} 배포 즉시 보도`,
      `담당부서: ${options.cityName} ${department}`,
      '담당자: ○○○ 과장, ○○○ 주무관',
      '연락처: 02-○○○○-○○○○, 02-○○○○-○○○○',
    ],
    [`# ${headline(f, options)}`, '', ...subheads(f)],
    [lead(f, options)],
    scope(f, framework),
    winners(f, outcome, framework),
    streakParagraph(f),
    highlightParagraph(f, framework, options),
    [`□ ○○○ ${options.cityName} ${department}장은 "[인용문을 입력하십시오: 평가 결과의 의미와 내년도 계획]"이라고 말했다.`],
    notices,
    [`※ 붙임: ${f.year} ${f.words.nameKo}별 평가 결과 1부.`, `문의: ${options.cityName} ${department} ○○○ 과장 (02-○○○○-○○○○), ○○○ 주무관 (02-○○○○-○○○○)`],
    attachment(f),
    awardTable(f),
  ];
  return `${blocks
    .filter((b) => b.length > 0)
    .map((b) => b.join('\n'))
    .join('\n\n')}\n`;
}

/** An English name for a unit: the given one, else its Korean name. */
function nameEn(u: UnitOutcome, names: Record<string, string> | undefined): string {
  return names?.[u.code] ?? u.name;
}

function groupEn(units: readonly UnitOutcome[], names: Record<string, string> | undefined, words: UnitWords): string {
  if (units.length <= 2)
    return joinNames(
      units.map((u) => nameEn(u, names)),
      'en',
    );
  return `${nameEn(units[0]!, names)} and ${units.length - 1} other ${words.pluralEn}`;
}

/**
 * A short English summary of the results for foreign-language media and the English site: headline, what was
 * evaluated, winners by tier with prize money, streaks and notices. Pure.
 *
 * @throws {Error} when `date` or the period is not a `YYYY-MM-DD` calendar date.
 */
export function pressReleaseSummaryEn(outcome: CycleOutcome, framework: FrameworkDefinition, options: PressReleaseSummaryOptions): string {
  const f = facts(outcome, framework, options.date, options.period, 'pressReleaseSummaryEn', options.unitWords);
  const names = options.unitNamesEn;
  const lang: Lang = 'en';
  const program = options.programName ?? 'Hope Jobs';
  const top = f.tiers.find((t) => t.units.length > 0);
  const parts: string[] = [];
  if (top) parts.push(`${groupEn(top.units, names, f.words)} named ${top.name.en.toLowerCase()}${top.units.length > 1 ? 's' : ''}`);
  const longestLength = f.longest[0]?.streak?.length;
  if (longestLength) parts.push(`${groupEn(f.longest, names, f.words)} excellent ${longestLength} years running`);
  const lines: string[] = [];
  if (options.demo) lines.push(`[${DEMO_LABEL.en.toUpperCase()}] ${DEMO_NOTICE.en}`, '');
  lines.push(`# ${options.cityName} announces the ${f.year} ${program} evaluation results${parts.length > 0 ? `: ${parts.join('; ')}` : ''}`, '');
  lines.push(
    `${englishDate(f.date)} — ${options.cityName} evaluated the job policies that its ${f.units.length} ${f.words.pluralEn} carried out from ${monthYear(f.from, lang)} to ${monthYear(f.to, lang)}, on ${f.fields.length} fields (${f.fields.map((x) => `${x.name.en}, ${fixed(x.points, 0)} points`).join('; ')}) and ${f.indicatorCount} indicators${f.newIndicators.length > 0 ? `, including the new indicator "${shortName(f.newIndicators[0]?.name.en ?? '')}"` : ''}.`,
    '',
  );
  for (const t of f.tiers.filter((x) => x.units.length > 0)) {
    const money = t.prizeEach > 0 ? ` — ${formatWonEn(t.prizeEach)} each` : '';
    lines.push(
      `- ${t.name.en} (${t.units.length}): ${joinNames(
        t.units.map((u) => nameEn(u, names)),
        lang,
      )}${money}`,
    );
  }
  if (outcome.prizeTotal > 0) lines.push('', `Prize money totals ${formatWonEn(outcome.prizeTotal)} for ${f.awarded.length} ${f.words.pluralEn}.`);
  if (f.streaks.length > 0) {
    const streakText = f.streaks.map((u) => `${nameEn(u, names)} ${u.streak?.length} years (${u.streak?.from}–${u.streak?.to})`);
    lines.push('', `Consecutive years as an excellent ${f.words.nameEn}: ${joinNames(streakText, lang)}.`);
  }
  const notices = [options.demo ? DEMO_NOTICE.en : null, illustrativeNotice(framework)?.en ?? null].filter((n): n is string => n !== null);
  if (notices.length > 0) lines.push('', ...notices.map((n) => `Note: ${n}`));
  return `${lines.join('\n')}\n`;
}
