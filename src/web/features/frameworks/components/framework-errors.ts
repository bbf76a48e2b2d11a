import type { ProblemFieldError } from '../../../lib/problem-details.js';

/** A server message for one indicator or field, with the path inside it (`points`, `method.target`, …). */
export interface LocatedError {
  path: string;
  message: string;
}

export interface FrameworkErrors {
  indicators: Map<number, LocatedError[]>;
  fields: Map<number, LocatedError[]>;
  /** About the points total (`definition.indicators` itself). */
  total: string[];
  /** Anything else (awards, prizes, the framework as a whole). */
  other: ProblemFieldError[];
}

function push(map: Map<number, LocatedError[]>, index: number, error: LocatedError) {
  const list = map.get(index) ?? [];
  list.push(error);
  map.set(index, list);
}

/**
 * Sorts the server's `errors[]` of a rejected save by what they concern, using their paths:
 * `definition.indicators.3.method.target` → indicator 3, `method.target`.
 */
export function locateFrameworkErrors(errors: readonly ProblemFieldError[]): FrameworkErrors {
  const out: FrameworkErrors = { indicators: new Map(), fields: new Map(), total: [], other: [] };
  for (const error of errors) {
    const parts = error.path.split('.');
    const start = parts[0] === 'body' ? 1 : 0;
    const [root, collection, index, ...rest] = parts.slice(start);
    const position = Number(index);
    if (root === 'definition' && (collection === 'indicators' || collection === 'fields') && index !== undefined && Number.isInteger(position)) {
      push(collection === 'indicators' ? out.indicators : out.fields, position, { path: rest.join('.'), message: error.message });
    } else if (root === 'definition' && collection === 'indicators' && index === undefined) {
      out.total.push(error.message);
    } else {
      out.other.push(error);
    }
  }
  return out;
}

/** The first message about `path` or anything under it. */
export function errorAt(errors: readonly LocatedError[] | undefined, path: string): string | undefined {
  return errors?.find((e) => e.path === path || e.path.startsWith(`${path}.`))?.message;
}
