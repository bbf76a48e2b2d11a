/**
 * `hopejobs analyse`: the statistical audit of a framework (COINr-compatible), beside `hopejobs score` with the
 * same inputs and pipeline flags.
 *
 *   hopejobs analyse --data iData.csv --meta iMeta.csv [--format table|json] [--out FILE] [--lang ko|en]
 *   hopejobs analyse evaluation.json
 *     [--normalise …] [--aggregate …] [--missing …] [--dat-thresh …] [--denominate] [--impute …] [--screen …]
 *     [--treat [--winmax N]] [--points|--no-points] [--time YEAR]
 *
 * The command only reads files, calls the engine's `analyse` and writes text. Bad input prints one line per problem
 * to stderr, exits 2 and writes nothing to `--out`.
 */
import type { Command } from 'commander';
import { analyse, EngineInputError, formatAnalysisJson, formatAnalysisTable, formatIssue, MethodNameSchema, type AnalysisResult } from '../engine/index.js';
import { nodeIo, parseScoreFlags, readInput, type RawScoreOptions, type ScoreCommandIo } from './score.js';

const EXIT_INPUT = 2;

/** Runs the command; resolves with the exit code. Exported for tests. */
export function runAnalyse(evaluation: string | undefined, raw: RawScoreOptions, io: ScoreCommandIo = nodeIo): number {
  const usage: { ko: string; en: string }[] = [];
  if (evaluation !== undefined && (raw.data !== undefined || raw.meta !== undefined)) {
    usage.push({ ko: 'evaluation.json과 --data/--meta는 함께 쓸 수 없습니다', en: 'give either evaluation.json or --data and --meta, not both' });
  } else if (evaluation === undefined && (raw.data === undefined || raw.meta === undefined)) {
    usage.push({
      ko: '입력이 필요합니다: hopejobs analyse evaluation.json 또는 --data iData.csv --meta iMeta.csv',
      en: 'input needed: hopejobs analyse evaluation.json, or --data iData.csv --meta iMeta.csv',
    });
  }
  if (raw.format !== undefined && !['table', 'json'].includes(raw.format)) {
    usage.push({ ko: `--format은 table 또는 json이어야 합니다: "${raw.format}"`, en: `--format must be table or json: "${raw.format}"` });
  }
  const flags = parseScoreFlags({ ...raw, format: undefined });
  usage.push(...flags.problems);
  if (usage.length > 0) {
    for (const p of usage) io.stderr(`${p.ko} | ${p.en}\n`);
    return EXIT_INPUT;
  }
  const prepared = readInput(evaluation, raw, io);
  if (Array.isArray(prepared)) {
    for (const p of prepared) io.stderr(`${p.ko} | ${p.en}\n`);
    return EXIT_INPUT;
  }
  if (!prepared.success) return reportIssues(prepared.error, io);
  let result: AnalysisResult;
  try {
    result = analyse(prepared.data, flags.overrides);
  } catch (e) {
    if (e instanceof EngineInputError) return reportIssues(e, io);
    throw e;
  }
  const text = raw.format === 'json' ? formatAnalysisJson(result) : formatAnalysisTable(result, { lang: raw.lang === 'en' ? 'en' : 'ko' });
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

function reportIssues(error: EngineInputError, io: ScoreCommandIo): number {
  for (const i of error.issues.filter((x) => x.severity === 'error')) io.stderr(`${formatIssue(i)}\n`);
  return EXIT_INPUT;
}

/** Adds `analyse` to the `hopejobs` program. The action sets `process.exitCode` (never calls `process.exit`). */
export function registerAnalyseCommand(program: Command, io: ScoreCommandIo = nodeIo): Command {
  return program
    .command('analyse')
    .description('평가 체계 통계 점검 (COINr 호환) / statistical audit of a framework (COINr-compatible)')
    .argument('[evaluation]', 'evaluation JSON: {"iMeta":[…], "iData":[…], "options":{…}}')
    .option('--data <file>', 'iData CSV (UTF-8 or CP949)')
    .option('--meta <file>', 'iMeta CSV (UTF-8 or CP949)')
    .option('--format <format>', 'table | json (default table)')
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
    .option('--time <year>', 'Time to analyse when iData holds several years (default the latest)')
    .option('--lang <lang>', 'table language: ko | en (default ko)')
    .addHelpText(
      'after',
      [
        '',
        'stats: raw data (before denominate/impute/screen/treat), COINr get_stats; correlations: Pearson on the',
        'aggregated data set, each element with its parent and between siblings; cronbach and pca: children of each',
        'aggregate; removal: mean |change of the index rank| when each element of levels 1 and 2 gets weight 0.',
      ].join('\n'),
    )
    .action((evaluation: string | undefined, opts: RawScoreOptions) => {
      io.setExitCode(runAnalyse(evaluation, opts, io));
    });
}
