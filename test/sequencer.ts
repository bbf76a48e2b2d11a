import path from 'node:path';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * The files that take longest, longest first (seconds of a quiet fresh-clone run, both databases; re-measure with
 * the JSON reporter when a file grows). Started first, they run beside the many short files instead of after them:
 * a long file started last leaves the other workers idle at the end. vitest orders a fresh clone (no cache of its
 * own) by file size, which puts these small scenario files last.
 */
const slowFirst = [
  'test/smoke/production.pglite.test.ts',
  'test/smoke/production.postgres.test.ts',
  'test/scenario/cycle-2019.pglite.test.ts',
  'test/faults/kill-server.pglite.test.ts',
  'test/scenario/cycle-2019.postgres.test.ts',
  'test/server/backup.test.ts',
  'test/security/fuzz-api.test.ts',
  'test/faults/kill-server.postgres.test.ts',
  'test/cli/serve.test.ts',
  'test/security/fuzz-exports.test.ts',
  'test/db/audit.test.ts',
  'test/security/concurrency.test.ts',
  'test/domain/bulk-import.test.ts',
  'test/scenario/objections-across-districts.test.ts',
  'test/security/authz-matrix.test.ts',
  'test/server/public-api.test.ts',
];

export default class SlowFirstSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const root = this.ctx.config.root;
    const weight = (spec: TestSpecification) => {
      const i = slowFirst.indexOf(path.relative(root, spec.moduleId).split(path.sep).join('/'));
      return i === -1 ? slowFirst.length : i;
    };
    // Projects keep their order (the timed files run last, alone); within one, the slow files go first.
    const order = new Map(sorted.map((s, i) => [s, i]));
    return sorted.sort((a, b) => {
      const group = a.project.config.sequence.groupOrder - b.project.config.sequence.groupOrder;
      if (group !== 0) return group;
      return weight(a) - weight(b) || order.get(a)! - order.get(b)!;
    });
  }
}
