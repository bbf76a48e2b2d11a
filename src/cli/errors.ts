import { ConfigError } from '../config.js';
import { DomainError } from '../domain/errors.js';
import { EngineInputError, formatIssue } from '../engine/index.js';
import { bothLanguages } from '../message.js';

/** Exit code 2 = the user's input or environment is wrong (config, files, unreachable database). */
export const EXIT_USAGE = 2;

/** Known failures become one clear line on stderr and exit 2; anything else is a bug and keeps its stack. */
export function reportCliError(err: unknown): number {
  // Checked by name so the CLI does not load the database drivers just to report an error.
  if (err instanceof ConfigError || (err instanceof Error && err.name === 'DatabaseConnectError')) {
    process.stderr.write(`${err.message}\n`);
    return EXIT_USAGE;
  }
  if (err instanceof DomainError) {
    process.stderr.write(`${bothLanguages(err.msg)}\n`);
    for (const p of err.problems) {
      const where = [p.sheet, p.row !== undefined ? `row ${p.row}` : undefined, p.column].filter(Boolean).join(', ');
      process.stderr.write(`  ${where || p.path}: ${bothLanguages(p.message)}\n`);
    }
    return EXIT_USAGE;
  }
  if (err instanceof EngineInputError) {
    // The engine refused its input (a framework, a data file, an award configuration): one line per problem.
    for (const issue of err.issues) if (issue.severity === 'error') process.stderr.write(`${formatIssue(issue)}\n`);
    return EXIT_USAGE;
  }
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  return 1;
}
