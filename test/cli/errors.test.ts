import { afterEach, describe, expect, it, vi } from 'vitest';
import { EXIT_USAGE, reportCliError } from '../../src/cli/errors.js';
import { applyAdjustments, EngineInputError } from '../../src/engine/index.js';

/** Runs `reportCliError` and returns its exit code and what it wrote to stderr. */
function report(err: unknown): { code: number; stderr: string } {
  let stderr = '';
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stderr += String(chunk);
    return true;
  });
  const code = reportCliError(err);
  return { code, stderr };
}

describe('CLI error printing', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('prints an engine refusal one problem a line, in Korean and English, and exits 2', () => {
    let caught: unknown;
    try {
      applyAdjustments(
        [
          { uCode: 'A', score: 50 },
          { uCode: 'A', score: 60 },
        ],
        [],
        { rules: [] },
      );
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(EngineInputError);
    const { code, stderr } = report(caught);
    expect(code).toBe(EXIT_USAGE);
    const lines = stderr.trimEnd().split('\n');
    expect(lines).toHaveLength((caught as EngineInputError).issues.length);
    expect(lines[0]).toBe('scores[1].uCode: 단위 코드 "A"가 중복됩니다 | unit code "A" is repeated');
  });
});
