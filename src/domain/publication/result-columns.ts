/**
 * The columns of the published results, defined once: the CSV, the workbook's sheets and the workbook's data
 * dictionary are all generated from these lists, so a column cannot appear in a file without a definition.
 */
import { fieldPoints, type FrameworkDefinition, type Indicator } from '../frameworks/definition.js';
import type { CycleOutcome, UnitOutcome } from '../scoring/evaluate.js';
import { DEMO_LABEL, shortName, tierName, type Lang } from './labels.js';
import { SEOUL_UNIT_WORDS, type UnitWords } from '../reference/unit-words.js';
import { AS_ENTERED, atPrecision, POINTS_PRECISION, WHOLE, type Precision } from './number-format.js';

type Bi = { ko: string; en: string };
export type CellValue = number | string | null;

export interface Column<Row> {
  /** Stable machine name (JSON-style), e.g. `score`, `field.S`, `points.S1`. */
  key: string;
  header: Bi;
  unit: Bi;
  type: 'number' | 'text';
  definition: Bi;
  /** The cell of a row; text (tier names, indicator names) in the language of the file. */
  value: (row: Row, lang: Lang) => CellValue;
  /** Excel number format for the workbook. */
  numFmt?: string;
  /** A number column's declared precision: its values are rounded to it in every file (see {@link withPrecision}). */
  precision?: Precision;
}

/**
 * The columns with each number rounded to its declared precision, so no file carries float noise
 * (`90.81091354325501` → 90.81): the CSV, the workbook and the long file all read values through this.
 */
export function withPrecision<Row>(columns: Column<Row>[]): Column<Row>[] {
  return columns.map((c) => {
    const precision = c.precision;
    if (c.type !== 'number' || precision === undefined) return c;
    return {
      ...c,
      value: (row: Row, lang: Lang) => {
        const v = c.value(row, lang);
        return typeof v === 'number' ? atPrecision(v, precision) : v;
      },
    };
  });
}

const bi = (ko: string, en: string): Bi => ({ ko, en });
const NONE = bi('', '');
const POINTS = bi('점', 'points');
/** Points and 0–100 scores: two decimals, as the framework states points. */
const FULL = '#,##0.00';
/** Raw values as entered: up to 10 decimals shown, none when whole. */
const RAW = '#,##0.##########';

/** The unit-name column in the installation's words: '자치구' / 'District' in Seoul, '시·군' / 'City or county' in a province. */
function nameColumnText(words: UnitWords) {
  const en = words.nameEn.charAt(0).toUpperCase() + words.nameEn.slice(1);
  return { header: bi(words.nameKo, en), definition: bi(`평가 대상 ${words.nameKo} 이름`, `Name of the evaluated ${words.nameEn}`) };
}

/** One column per result figure of a unit: the results table of the CSV and of the workbook's 결과 sheet. */
export function resultColumns(
  outcome: CycleOutcome,
  framework: FrameworkDefinition,
  demo: boolean,
  words: UnitWords = SEOUL_UNIT_WORDS,
): Column<UnitOutcome>[] {
  const unitName = nameColumnText(words);
  const perField = fieldPoints(framework);
  const columns: Column<UnitOutcome>[] = [
    {
      key: 'rank',
      header: bi('순위', 'Rank'),
      unit: bi('위', 'rank'),
      type: 'number',
      numFmt: '0',
      precision: WHOLE,
      definition: bi('가점·감점을 반영한 총점 순위 (동점은 같은 순위)', 'Rank by total score after bonus and penalty (ties share a rank)'),
      value: (u) => u.rank,
    },
    { key: 'code', header: bi('코드', 'Code'), unit: NONE, type: 'text', definition: bi('행정표준코드', 'Administrative code'), value: (u) => u.code },
    {
      key: 'name',
      header: unitName.header,
      unit: NONE,
      type: 'text',
      definition: unitName.definition,
      value: (u) => u.name,
    },
    {
      key: 'score',
      header: bi('총점(점)', 'Total score (points)'),
      unit: POINTS,
      type: 'number',
      numFmt: FULL,
      precision: POINTS_PRECISION,
      definition: bi('지표 득점 합계 + 가점 + 감점', 'Indicator points + bonus + penalty'),
      value: (u) => u.score,
    },
    {
      key: 'baseScore',
      header: bi('지표 득점 합계(점)', 'Indicator points (points)'),
      unit: POINTS,
      type: 'number',
      numFmt: FULL,
      precision: POINTS_PRECISION,
      definition: bi(`모든 세부지표 득점의 합 (${framework.totalPoints}점 만점)`, `Sum of the points of all indicators (out of ${framework.totalPoints})`),
      value: (u) => u.baseScore,
    },
    {
      key: 'bonus',
      header: bi('가점(점)', 'Bonus (points)'),
      unit: POINTS,
      type: 'number',
      numFmt: FULL,
      precision: POINTS_PRECISION,
      definition: bi('상한을 적용한 가점 (0 이상)', 'Bonus after caps (0 or more)'),
      value: (u) => u.bonus,
    },
    {
      key: 'penalty',
      header: bi('감점(점)', 'Penalty (points)'),
      unit: POINTS,
      type: 'number',
      numFmt: FULL,
      precision: POINTS_PRECISION,
      definition: bi('상한을 적용한 감점 (0 이하)', 'Penalty after caps (0 or less)'),
      value: (u) => u.penalty,
    },
    {
      key: 'previousRank',
      header: bi('전년 순위', 'Previous rank'),
      unit: bi('위', 'rank'),
      type: 'number',
      numFmt: '0',
      precision: WHOLE,
      definition: bi('전년도 평가 순위 (없으면 빈칸)', 'Rank in the previous year (blank if none)'),
      value: (u) => u.previousRank,
    },
    {
      key: 'awardTier',
      header: bi('시상 등급', 'Award tier'),
      unit: NONE,
      type: 'text',
      definition: bi('시상 등급 (최우수구·우수구 등, 없으면 빈칸)', 'Award tier (blank if none)'),
      value: (u, lang) => tierName(outcome, u.awardTier, lang),
    },
    {
      key: 'prize',
      header: bi('시상금(원)', 'Prize (KRW)'),
      unit: bi('원', 'KRW'),
      type: 'number',
      numFmt: '#,##0',
      precision: WHOLE,
      definition: bi('시상금 (원)', 'Prize money in won'),
      value: (u) => u.prize,
    },
    {
      key: 'streak',
      header: bi('연속 우수(년)', 'Consecutive years (years)'),
      unit: bi('년', 'years'),
      type: 'number',
      numFmt: '0',
      precision: WHOLE,
      definition: bi(
        '올해까지 연속으로 우수 이상 등급을 받은 햇수 (올해 받지 못했으면 0)',
        'Consecutive years up to this one holding an excellence tier (0 if not this year)',
      ),
      value: (u) => u.streak?.length ?? 0,
    },
    {
      key: 'streakFrom',
      header: bi('연속 시작 연도', 'Streak since'),
      unit: bi('년', 'year'),
      type: 'number',
      numFmt: '0',
      precision: WHOLE,
      definition: bi('연속 기록이 시작된 연도 (없으면 빈칸)', 'First year of the current streak (blank if none)'),
      value: (u) => u.streak?.from ?? null,
    },
  ];
  for (const f of framework.fields) {
    const max = perField.get(f.code) ?? 0;
    columns.push({
      key: `field.${f.code}`,
      header: bi(`${f.code} ${f.name.ko}(점)`, `${f.code} ${f.name.en} (points)`),
      unit: POINTS,
      type: 'number',
      numFmt: FULL,
      precision: POINTS_PRECISION,
      definition: bi(`분야 '${f.name.ko}' 득점 (${max}점 만점)`, `Points in the field '${f.name.en}' (out of ${max})`),
      value: (u) => u.fieldScores[f.code] ?? null,
    });
  }
  for (const i of framework.indicators) {
    columns.push({
      key: `points.${i.code}`,
      header: bi(`${i.code} ${shortName(i.name.ko)}(점)`, `${i.code} ${shortName(i.name.en)} (points)`),
      unit: POINTS,
      type: 'number',
      numFmt: FULL,
      precision: POINTS_PRECISION,
      definition: bi(`세부지표 '${i.name.ko}' 득점 (${i.points}점 만점)`, `Points for the indicator '${i.name.en}' (out of ${i.points})`),
      value: (u) => u.points[i.code] ?? null,
    });
  }
  columns.push({
    key: 'dataStatus',
    header: bi('자료 구분', 'Data status'),
    unit: NONE,
    type: 'text',
    definition: bi("'데모 데이터'이면 합성 자료로 만든 결과", "'Demo data' marks results computed from synthetic data"),
    value: (_u, lang) => (demo ? DEMO_LABEL[lang] : lang === 'ko' ? '평가 결과' : 'Evaluation result'),
  });
  return withPrecision(columns);
}

/** Row of the long table: one unit × one indicator. */
export interface IndicatorRow {
  unit: UnitOutcome;
  indicator: Indicator;
}

/** One row per district and indicator: the raw value, its 0–100 score and the points (workbook sheet 지표별 득점). */
export function indicatorColumns(words: UnitWords = SEOUL_UNIT_WORDS): Column<IndicatorRow>[] {
  const unitName = nameColumnText(words);
  return withPrecision<IndicatorRow>([
    { key: 'code', header: bi('코드', 'Code'), unit: NONE, type: 'text', definition: bi('행정표준코드', 'Administrative code'), value: (r) => r.unit.code },
    {
      key: 'name',
      header: unitName.header,
      unit: NONE,
      type: 'text',
      definition: unitName.definition,
      value: (r) => r.unit.name,
    },
    {
      key: 'field',
      header: bi('분야', 'Field'),
      unit: NONE,
      type: 'text',
      definition: bi('지표가 속한 분야 코드', 'Code of the indicator’s field'),
      value: (r) => r.indicator.field,
    },
    {
      key: 'indicator',
      header: bi('지표 코드', 'Indicator code'),
      unit: NONE,
      type: 'text',
      definition: bi('세부지표 코드 (데이터 사전의 지표 정의 참조)', 'Indicator code (see the indicator definitions in the dictionary)'),
      value: (r) => r.indicator.code,
    },
    {
      key: 'indicatorName',
      header: bi('지표명', 'Indicator'),
      unit: NONE,
      type: 'text',
      definition: bi('세부지표 이름', 'Indicator name'),
      value: (r, lang) => r.indicator.name[lang],
    },
    {
      key: 'raw',
      header: bi('원자료 값', 'Raw value'),
      unit: bi('지표 단위', 'indicator unit'),
      type: 'number',
      numFmt: RAW,
      precision: AS_ENTERED,
      definition: bi(
        '자치구가 제출하고 시가 검증한 값 (정성 지표는 심사 점수)',
        'Value submitted by the district and verified by the city (panel score for qualitative indicators)',
      ),
      value: (r) => r.unit.raw[r.indicator.code] ?? null,
    },
    {
      key: 'unitOfMeasure',
      header: bi('단위', 'Unit'),
      unit: NONE,
      type: 'text',
      definition: bi('원자료 값의 단위', 'Unit of the raw value'),
      value: (r) => r.indicator.unit,
    },
    {
      key: 'normalised',
      header: bi('환산 점수(0–100)', 'Score (0–100)'),
      unit: bi('0–100', '0–100'),
      type: 'number',
      numFmt: FULL,
      precision: POINTS_PRECISION,
      definition: bi('산정 방식에 따라 0–100으로 환산한 점수', 'Raw value scored on 0–100 by the indicator’s method'),
      value: (r) => r.unit.normalised[r.indicator.code] ?? null,
    },
    {
      key: 'maxPoints',
      header: bi('배점(점)', 'Maximum (points)'),
      unit: POINTS,
      type: 'number',
      numFmt: '#,##0.##',
      precision: POINTS_PRECISION,
      definition: bi('지표 배점', 'Points available for the indicator'),
      value: (r) => r.indicator.points,
    },
    {
      key: 'points',
      header: bi('득점(점)', 'Points'),
      unit: POINTS,
      type: 'number',
      numFmt: FULL,
      precision: POINTS_PRECISION,
      definition: bi('환산 점수 ÷ 100 × 배점', 'Score ÷ 100 × maximum'),
      value: (r) => r.unit.points[r.indicator.code] ?? null,
    },
  ]);
}

/** Every district × indicator pair, districts in rank order, indicators in framework order. */
export function indicatorRows(outcome: CycleOutcome, framework: FrameworkDefinition): IndicatorRow[] {
  return outcome.units.flatMap((unit) => framework.indicators.map((indicator) => ({ unit, indicator })));
}
