/**
 * `hopejobs score`: scores an evaluation with the engine and prints a table, CSV or JSON.
 *
 *   hopejobs score --data iData.csv --meta iMeta.csv [--format table|csv|json] [--out FILE]
 *   hopejobs score evaluation.json
 *     [--normalise minmax|zscore|rank|…] [--aggregate amean|gmean|hmean] [--missing renormalise|zero|error]
 *     [--denominate] [--impute mean|median[:GROUP_COLUMN]] [--screen MIN_SHARE] [--treat [--winmax N]]
 *     [--sensitivity N --seed S --noise 0.25 [--awards FILE]
 *      [--sensitivity-normalise nominal,minmax,zscore,rank,percentile] [--sensitivity-aggregate nominal,amean,gmean,hmean]]
 *
 * With `--sensitivity`, the table gets a second table (rank intervals, tier probabilities), the CSV gets columns
 * after the contract's, and the JSON a `sensitivity` key after the contract's keys. Award tiers come from
 * `--awards FILE` or from the evaluation JSON's `awards` (or `about.awards`), with optional `previousRanks`.
 *
 * The command only reads files, calls the engine and writes text: every rule is in `src/engine`. Bad input prints
 * one line per problem (file, row, column, reason) to stderr, exits 2 and writes nothing to `--out`.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import {
  AggregationNameSchema,
  EngineInputError,
  SENSITIVITY_AGGREGATIONS,
  SENSITIVITY_NORMALISATIONS,
  decodeText,
  MethodNameSchema,
  MissingPolicySchema,
  formatCsv,
  formatIssue,
  formatJson,
  formatSensitivityCsv,
  formatSensitivityJson,
  formatSensitivityTable,
  formatTable,
  readCsvInput,
  readJsonInput,
  safeAssignAwards,
  score,
  type AwardResult,
  type EngineIssue,
  type PreparedInput,
  type SafeResult,
  type ScoreOptions,
  type SensitivityAggregation,
  type SensitivityAwards,
  type SensitivityNormalisation,
} from '../engine/index.js';
import { sensitivityParallel } from '../engine/node.js';
import { josaPick } from '../korean.js';

/** Exit code for bad input or usage. */
const EXIT_INPUT = 2;

/** The command's contact with the outside world; replaced in tests. */
export interface ScoreCommandIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly readFile: (path: string) => Uint8Array;
  readonly writeFile: (path: string, text: string) => void;
  readonly setExitCode: (code: number) => void;
  /** Whether stderr is a terminal (sensitivity progress is shown only then); absent = no. */
  readonly stderrIsTty?: boolean;
}

let pipeGuarded = false;
/** A closed pipe (`hopejobs score … | head`) ends the output quietly instead of crashing. */
function guardPipe(): void {
  if (pipeGuarded) return;
  pipeGuarded = true;
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code !== 'EPIPE') throw e;
  });
}

/** The real console and file system. */
export const nodeIo: ScoreCommandIo = {
  stdout: (t) => {
    guardPipe();
    process.stdout.write(t);
  },
  stderr: (t) => void process.stderr.write(t),
  readFile: (p) => readFileSync(p),
  writeFile: (p, t) => writeFileSync(p, t),
  setExitCode: (c) => {
    process.exitCode = c;
  },
  get stderrIsTty() {
    return process.stderr.isTTY === true;
  },
};

/** Raw option values as commander hands them over. */
export interface RawScoreOptions {
  data?: string;
  meta?: string;
  format?: string;
  out?: string;
  normalise?: string;
  aggregate?: string;
  missing?: string;
  datThresh?: string;
  denominate?: boolean;
  impute?: string;
  screen?: string;
  treat?: boolean;
  winmax?: string;
  points?: boolean;
  time?: string;
  lang?: string;
  explain?: boolean;
  quiet?: boolean;
  sensitivity?: string;
  seed?: string;
  noise?: string;
  awards?: string;
  sensitivityNormalise?: string;
  sensitivityAggregate?: string;
}

/** A problem with the command line itself, in both languages. */
interface UsageProblem {
  readonly ko: string;
  readonly en: string;
}

const NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const INTEGER = /^[+-]?\d+$/;

/** Turns the command-line flags into engine option overrides, collecting every usage problem. */
export function parseScoreFlags(raw: RawScoreOptions): { overrides: ScoreOptions; problems: UsageProblem[] } {
  const problems: UsageProblem[] = [];
  const overrides: Record<string, unknown> = {};
  const bad = (ko: string, en: string) => problems.push({ ko, en });
  if (raw.format !== undefined && !['table', 'csv', 'json'].includes(raw.format)) {
    bad(`--format은 table, csv, json 중 하나여야 합니다: "${raw.format}"`, `--format must be table, csv or json: "${raw.format}"`);
  }
  if (raw.lang !== undefined && !['ko', 'en'].includes(raw.lang)) {
    bad(`--lang은 ko 또는 en이어야 합니다: "${raw.lang}"`, `--lang must be ko or en: "${raw.lang}"`);
  }
  if (raw.normalise !== undefined) {
    const m = MethodNameSchema.safeParse(raw.normalise);
    if (m.success) overrides['normalise'] = m.data;
    else
      bad(
        `--normalise는 ${MethodNameSchema.options.join(', ')} 중 하나여야 합니다: "${raw.normalise}"`,
        `--normalise must be one of ${MethodNameSchema.options.join(', ')}: "${raw.normalise}"`,
      );
  }
  if (raw.aggregate !== undefined) {
    const m = AggregationNameSchema.safeParse(raw.aggregate);
    if (m.success) overrides['aggregate'] = m.data;
    else bad(`--aggregate는 amean, gmean, hmean 중 하나여야 합니다: "${raw.aggregate}"`, `--aggregate must be amean, gmean or hmean: "${raw.aggregate}"`);
  }
  if (raw.missing !== undefined) {
    const m = MissingPolicySchema.safeParse(raw.missing);
    if (m.success) overrides['missing'] = m.data;
    else bad(`--missing은 renormalise, zero, error 중 하나여야 합니다: "${raw.missing}"`, `--missing must be renormalise, zero or error: "${raw.missing}"`);
  }
  if (raw.datThresh !== undefined) {
    const v = Number(raw.datThresh);
    if (NUMBER.test(raw.datThresh) && v >= 0 && v <= 1) overrides['datThresh'] = v;
    else bad(`--dat-thresh는 0과 1 사이의 수여야 합니다: "${raw.datThresh}"`, `--dat-thresh must be a number from 0 to 1: "${raw.datThresh}"`);
  }
  if (raw.denominate) overrides['denominate'] = true;
  if (raw.impute !== undefined) {
    const [method, group, ...rest] = raw.impute.split(':');
    if ((method === 'mean' || method === 'median') && rest.length === 0 && group !== '') {
      overrides['impute'] = { method, group: group ?? null };
    } else {
      bad(
        `--impute는 mean 또는 median, 그룹별이면 mean:그룹열 형식입니다: "${raw.impute}"`,
        `--impute must be mean or median, optionally mean:GROUP_COLUMN: "${raw.impute}"`,
      );
    }
  }
  if (raw.screen !== undefined) {
    const v = Number(raw.screen);
    if (NUMBER.test(raw.screen) && v >= 0 && v <= 1) overrides['screen'] = { minShare: v };
    else bad(`--screen은 0과 1 사이의 최소 자료 보유율이어야 합니다: "${raw.screen}"`, `--screen must be a minimum data share from 0 to 1: "${raw.screen}"`);
  }
  if (raw.winmax !== undefined && !raw.treat) {
    bad('--winmax는 --treat와 함께 써야 합니다', '--winmax needs --treat');
  }
  if (raw.treat) {
    if (raw.winmax !== undefined) {
      if (INTEGER.test(raw.winmax) && Number(raw.winmax) >= 0) overrides['treat'] = { winmax: Number(raw.winmax) };
      else bad(`--winmax는 0 이상의 정수여야 합니다: "${raw.winmax}"`, `--winmax must be a whole number of 0 or more: "${raw.winmax}"`);
    } else overrides['treat'] = true;
  }
  if (raw.points !== undefined) overrides['points'] = raw.points;
  if (raw.time !== undefined) {
    if (NUMBER.test(raw.time)) overrides['time'] = Number(raw.time);
    else bad(`--time은 숫자(연도)여야 합니다: "${raw.time}"`, `--time must be a number (year): "${raw.time}"`);
  }
  return { overrides: overrides as ScoreOptions, problems };
}

/** Parsed `--sensitivity` flags. */
export interface SensitivityFlags {
  readonly requested: boolean;
  readonly runs: number;
  readonly seed: number;
  readonly noise: number;
  readonly normalisations: readonly SensitivityNormalisation[];
  readonly aggregations: readonly SensitivityAggregation[];
  readonly problems: UsageProblem[];
}

function parseChoices<T extends string>(flag: string, raw: string | undefined, allowed: readonly T[], problems: UsageProblem[]): T[] {
  if (raw === undefined) return ['nominal' as T];
  const items = raw.split(',').map((x) => x.trim());
  const bad = items.filter((x) => !allowed.includes(x as T));
  if (bad.length > 0 || items.length === 0) {
    problems.push({
      ko: `${flag}${josaPick(flag, '은/는')} ${allowed.join(', ')} 중 쉼표로 구분한 목록이어야 합니다: "${raw}"`,
      en: `${flag} must be a comma-separated list of ${allowed.join(', ')}: "${raw}"`,
    });
  } else if (new Set(items).size !== items.length) {
    problems.push({ ko: `${flag}에 같은 항목이 두 번 있습니다: "${raw}"`, en: `${flag} lists an item twice: "${raw}"` });
  }
  return items as T[];
}

/** Checks `--sensitivity N --seed S --noise X` and its companions; returns the problems (empty when valid or absent). */
export function parseSensitivityFlags(raw: RawScoreOptions): SensitivityFlags {
  const problems: UsageProblem[] = [];
  const requested = raw.sensitivity !== undefined;
  let runs = 0;
  let seed = 0;
  let noise = 0.25;
  if (!requested) {
    const companions = ['--seed', '--noise', '--sensitivity-normalise', '--sensitivity-aggregate'].filter(
      (_, i) => [raw.seed, raw.noise, raw.sensitivityNormalise, raw.sensitivityAggregate][i] !== undefined,
    );
    if (companions.length > 0) {
      const list = companions.join(', ');
      problems.push({
        ko: `${list}${josaPick(list, '은/는')} --sensitivity와 함께 써야 합니다`,
        en: `${list} ${companions.length === 1 ? 'needs' : 'need'} --sensitivity`,
      });
    }
    return { requested, runs, seed, noise, normalisations: [], aggregations: [], problems };
  }
  if (INTEGER.test(raw.sensitivity!) && Number(raw.sensitivity) >= 1 && Number(raw.sensitivity) <= 4294967295) runs = Number(raw.sensitivity);
  else
    problems.push({
      ko: `--sensitivity는 1 이상의 정수(실행 횟수)여야 합니다: "${raw.sensitivity}"`,
      en: `--sensitivity must be a whole number of runs, 1 or more: "${raw.sensitivity}"`,
    });
  if (raw.seed === undefined) {
    problems.push({ ko: '--sensitivity에는 재현을 위한 --seed가 필요합니다', en: '--sensitivity needs --seed for reproducibility' });
  } else if (INTEGER.test(raw.seed) && Number.isSafeInteger(Number(raw.seed))) seed = Number(raw.seed);
  else
    problems.push({ ko: `--seed는 정수여야 합니다 (절댓값 2^53 미만): "${raw.seed}"`, en: `--seed must be a whole number below 2^53 in size: "${raw.seed}"` });
  if (raw.noise !== undefined) {
    const v = Number(raw.noise);
    if (NUMBER.test(raw.noise) && v >= 0 && v < 1) noise = v;
    else
      problems.push({
        ko: `--noise는 0 이상 1 미만(예: 0.25 = ±25%)이어야 합니다: "${raw.noise}"`,
        en: `--noise must be from 0 up to, not including, 1 (e.g. 0.25 = ±25%): "${raw.noise}"`,
      });
  }
  const normalisations = parseChoices('--sensitivity-normalise', raw.sensitivityNormalise, SENSITIVITY_NORMALISATIONS, problems);
  const aggregations = parseChoices('--sensitivity-aggregate', raw.sensitivityAggregate, SENSITIVITY_AGGREGATIONS, problems);
  return { requested, runs, seed, noise, normalisations, aggregations, problems };
}

/**
 * Award tiers for the sensitivity analysis: `--awards FILE` (an award configuration `{"tiers": […]}`, or
 * `{"awards": {…}, "previousRanks": {uCode: rank}}`), else the evaluation JSON's `awards` / `previousRanks` (top
 * level or under `about`). The configuration itself is checked by the engine.
 */
function readAwards(evaluation: string | undefined, raw: RawScoreOptions, io: ScoreCommandIo): SensitivityAwards | null | UsageProblem {
  const parse = (path: string): unknown => {
    const bytes = io.readFile(path);
    return JSON.parse(decodeText(bytes).text) as unknown;
  };
  const record = (v: unknown): Record<string, unknown> | null =>
    typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
  const pick = (doc: Record<string, unknown>): SensitivityAwards | null => {
    const about = record(doc['about']) ?? {};
    const config = doc['awards'] ?? about['awards'];
    if (config === undefined || config === null) return null;
    const previous = record(doc['previousRanks'] ?? about['previousRanks']);
    return { config: config as SensitivityAwards['config'], previousRanks: previous as Record<string, number> | null };
  };
  const source = raw.awards ?? evaluation;
  if (source === undefined) return null;
  let doc: Record<string, unknown> | null;
  try {
    doc = record(parse(source));
  } catch (e) {
    const reason = e instanceof SyntaxError ? e.message : e instanceof Error && 'code' in e ? String((e as { code: unknown }).code) : 'error';
    return { ko: `${source}: 시상 설정을 읽을 수 없습니다 (${reason})`, en: `${source}: cannot read the award configuration (${reason})` };
  }
  if (raw.awards === undefined) return doc === null ? null : pick(doc);
  if (doc === null) return { ko: `${source}: 시상 설정은 JSON 객체여야 합니다`, en: `${source}: the award configuration must be a JSON object` };
  return 'tiers' in doc ? { config: doc as SensitivityAwards['config'] } : (pick(doc) ?? { config: doc as SensitivityAwards['config'] });
}

/** Shows progress on stderr, overwriting one line; only used when stderr is a terminal. */
function progressLine(io: ScoreCommandIo): { update: (f: number) => void; clear: () => void } {
  return {
    update: (f) => io.stderr(`\r민감도 분석 | sensitivity ${Math.floor(f * 100)}%`),
    clear: () => io.stderr('\r\u001b[2K'),
  };
}

/** Reads the evaluation JSON or the two CSV files; exported for `hopejobs analyse`. */
export function readInput(evaluation: string | undefined, raw: RawScoreOptions, io: ScoreCommandIo): SafeResult<PreparedInput> | UsageProblem[] {
  const read = (path: string): Uint8Array | UsageProblem => {
    try {
      return io.readFile(path);
    } catch (e) {
      const reason = e instanceof Error && 'code' in e ? String((e as { code: unknown }).code) : 'error';
      return { ko: `${path}: 파일을 읽을 수 없습니다 (${reason})`, en: `${path}: cannot read the file (${reason})` };
    }
  };
  const isProblem = (x: Uint8Array | UsageProblem): x is UsageProblem => !(x instanceof Uint8Array);
  if (evaluation !== undefined) {
    const bytes = read(evaluation);
    if (isProblem(bytes)) return [bytes];
    return readJsonInput({ name: evaluation, content: bytes });
  }
  const meta = read(raw.meta!);
  const data = read(raw.data!);
  const problems = [meta, data].filter(isProblem);
  if (problems.length > 0) return problems;
  return readCsvInput({ name: raw.meta!, content: meta as Uint8Array }, { name: raw.data!, content: data as Uint8Array });
}

/** Runs the command; resolves with the exit code. Exported for tests. */
export async function runScore(evaluation: string | undefined, raw: RawScoreOptions, io: ScoreCommandIo = nodeIo): Promise<number> {
  const usage: UsageProblem[] = [];
  if (evaluation !== undefined && (raw.data !== undefined || raw.meta !== undefined)) {
    usage.push({ ko: 'evaluation.json과 --data/--meta는 함께 쓸 수 없습니다', en: 'give either evaluation.json or --data and --meta, not both' });
  } else if (evaluation === undefined && (raw.data === undefined || raw.meta === undefined)) {
    usage.push({
      ko: '입력이 필요합니다: hopejobs score evaluation.json 또는 --data iData.csv --meta iMeta.csv',
      en: 'input needed: hopejobs score evaluation.json, or --data iData.csv --meta iMeta.csv',
    });
  }
  const flags = parseScoreFlags(raw);
  const sensitivity = parseSensitivityFlags(raw);
  usage.push(...flags.problems, ...sensitivity.problems);
  if (usage.length > 0) {
    for (const p of usage) io.stderr(`${p.ko} | ${p.en}\n`);
    return EXIT_INPUT;
  }

  const prepared = readInput(evaluation, raw, io);
  if (Array.isArray(prepared)) {
    for (const p of prepared) io.stderr(`${p.ko} | ${p.en}\n`);
    return EXIT_INPUT;
  }
  if (!prepared.success) return reportIssues(prepared.error.issues, io);

  let result;
  try {
    result = score(prepared.data, flags.overrides);
  } catch (e) {
    if (e instanceof EngineInputError) return reportIssues(e.issues, io);
    throw e;
  }

  // Award tiers of the nominal result, when the evaluation (or --awards) carries an award configuration.
  const awardInput = readAwards(evaluation, raw, io);
  if (awardInput !== null && !('config' in awardInput)) {
    io.stderr(`${awardInput.ko} | ${awardInput.en}\n`);
    return EXIT_INPUT;
  }
  let awardResult: AwardResult | null = null;
  if (awardInput !== null) {
    const awarded = safeAssignAwards(
      result.units.map((u) => ({ uCode: u.uCode, score: u.scores[result.top] ?? null, previousRank: awardInput.previousRanks?.[u.uCode] ?? null })),
      awardInput.config,
    );
    if (!awarded.success) {
      for (const i of awarded.error.issues) io.stderr(`awards.${i.location.field}: ${i.message.ko} | ${i.message.en}\n`);
      return EXIT_INPUT;
    }
    awardResult = awarded.data;
  }

  let sensitivityResult = null;
  if (sensitivity.requested) {
    const awards = awardInput;
    const progress = io.stderrIsTty ? progressLine(io) : null;
    try {
      sensitivityResult = await sensitivityParallel(prepared.data, {
        runs: sensitivity.runs,
        seed: sensitivity.seed,
        noise: sensitivity.noise,
        normalisations: sensitivity.normalisations,
        aggregations: sensitivity.aggregations,
        awards,
        overrides: flags.overrides,
        ...(progress ? { onProgress: progress.update } : {}),
      });
    } catch (e) {
      if (e instanceof EngineInputError) return reportIssues(e.issues, io);
      throw e;
    } finally {
      progress?.clear();
    }
  }

  const format = raw.format ?? 'table';
  const lang = raw.lang === 'en' ? 'en' : 'ko';
  let text: string;
  if (format === 'csv') text = sensitivityResult ? formatSensitivityCsv(result, sensitivityResult) : formatCsv(result);
  else if (format === 'json') text = sensitivityResult ? formatSensitivityJson(result, sensitivityResult) : formatJson(result);
  else {
    text = formatTable(result, { lang, explain: raw.explain !== false });
    if (sensitivityResult) {
      // The rank intervals go right after the score table and its legend, before the explanation lines.
      const head = formatTable(result, { lang, explain: false });
      const tail = text.startsWith(head) ? text.slice(head.length) : '';
      text = (tail === '' ? text : head) + '\n' + formatSensitivityTable(sensitivityResult, { lang }) + tail;
    }
  }
  if (awardResult) {
    if (format === 'json') {
      const doc = JSON.parse(text) as Record<string, unknown>;
      doc['awards'] = awardResult.tiers.map((t) => ({ code: t.code, name: t.name, winners: t.winners }));
      text = `${JSON.stringify(doc, null, 2)}\n`;
    } else if (format === 'table') {
      const names = new Map(result.units.map((u) => [u.uCode, u.uName]));
      const lines = awardResult.tiers.map((t) => `  ${t.name[lang]}: ${t.winners.map((w) => names.get(w) ?? w).join(', ') || '-'}`);
      text += `\n${lang === 'en' ? 'Awards' : '시상'}\n${lines.join('\n')}\n`;
    }
  }
  if (!raw.quiet) for (const w of result.warnings) io.stderr(`warning: ${formatIssue(w)}\n`);
  if (raw.out !== undefined) {
    try {
      io.writeFile(raw.out, text);
    } catch (e) {
      const reason = e instanceof Error && 'code' in e ? String((e as { code: unknown }).code) : 'error';
      io.stderr(`${raw.out}: 파일을 쓸 수 없습니다 (${reason}) | cannot write the file (${reason})\n`);
      return EXIT_INPUT;
    }
  } else io.stdout(text);
  return 0;
}

function reportIssues(issues: readonly EngineIssue[], io: ScoreCommandIo): number {
  const errors = issues.filter((i) => i.severity === 'error');
  for (const i of errors) io.stderr(`${formatIssue(i)}\n`);
  return EXIT_INPUT;
}

/** Adds `score` to the `hopejobs` program. The action sets `process.exitCode` (never calls `process.exit`). */
export function registerScoreCommand(program: Command, io: ScoreCommandIo = nodeIo): Command {
  return program
    .command('score')
    .description('평가 점수 계산 (COINr 호환) / score an evaluation (COINr-compatible)')
    .argument('[evaluation]', 'evaluation JSON: {"iMeta":[…], "iData":[…], "options":{…}}')
    .option('--data <file>', 'iData CSV (UTF-8 or CP949)')
    .option('--meta <file>', 'iMeta CSV (UTF-8 or CP949)')
    .option('--format <format>', 'table | csv | json (default table)')
    .option('--out <file>', 'write the output to FILE instead of stdout')
    .option('--normalise <method>', `normalise every indicator with: ${MethodNameSchema.options.join(' | ')}`)
    .option('--aggregate <function>', 'amean | gmean | hmean')
    .option('--missing <policy>', 'renormalise | zero | error')
    .option('--dat-thresh <share>', 'minimum share of present children for an aggregate (0–1)')
    .option('--denominate', 'divide indicators by their iMeta Denominator column')
    .option('--impute <spec>', 'mean | median, optionally within a group: mean:GROUP_COLUMN')
    .option('--screen <minShare>', 'drop units with a data availability below MIN_SHARE (0–1)')
    .option('--treat', 'treat outliers (winsorise, else log), as COINr Treat()')
    .option('--winmax <n>', 'with --treat: at most N winsorised points per indicator (default 5)')
    .option('--points', 'score as a points framework (배점)')
    .option('--no-points', 'do not score as a points framework')
    .option('--time <year>', 'Time to score when iData holds several years (default the latest)')
    .option('--lang <lang>', 'table language: ko | en (default ko)')
    .option('--no-explain', 'table: leave out the explanation lines')
    .option('--quiet', 'do not print warnings')
    .option('--sensitivity <runs>', 'Monte Carlo sensitivity analysis with N runs')
    .option('--seed <seed>', 'random seed for --sensitivity')
    .option('--noise <share>', 'weight noise for --sensitivity, uniform ±share, 0 ≤ share < 1 (default 0.25)')
    .option(
      '--awards <file>',
      'award tiers (shown with the scores, and their probabilities with --sensitivity): JSON {"tiers":[…]} or {"awards":{…},"previousRanks":{…}}',
    )
    .option('--sensitivity-normalise <list>', `normalisations drawn per run: ${SENSITIVITY_NORMALISATIONS.join(',')} (default nominal)`)
    .option('--sensitivity-aggregate <list>', `aggregations drawn per run: ${SENSITIVITY_AGGREGATIONS.join(',')} (default nominal)`)
    .addHelpText(
      'after',
      [
        '',
        'With --sensitivity N --seed S: table = the score table, then per unit the median rank, the 90% rank interval',
        '[p5–p95] (nearest rank), mean and SD of the score and, with award tiers, the probability of each tier;',
        'csv = the contract columns unchanged, then MedianRank,RankP5,RankP95,ScoreMean,ScoreSD,P_<tier>…;',
        'json = the contract keys, then "sensitivity". Same input and seed → same output. Award tiers: --awards FILE,',
        'or "awards" (and "previousRanks") in evaluation.json, at the top level or under "about".',
      ].join('\n'),
    )
    .action(async (evaluation: string | undefined, opts: RawScoreOptions) => {
      io.setExitCode(await runScore(evaluation, opts, io));
    });
}
