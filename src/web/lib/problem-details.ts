/** One field- or row-level message from an RFC 9457 problem document (`errors[]`). */
export interface ProblemFieldError {
  /** Where the problem is, e.g. `password` or `rows.3.value`. */
  path: string;
  message: string;
  /** For an uploaded file: where in it (sheet name, 1-based row, column letter or key). */
  sheet?: string;
  row?: number;
  column?: string;
}

/** The parts of an RFC 9457 problem document the web app reads. */
export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail?: string;
  /** The server's stable error code (e.g. `stale_version`, `csrf`), when it sends one. */
  code?: string;
  errors: ProblemFieldError[];
  /** Any other members of the problem document (e.g. `current` on a 409), for the screen that needs them. */
  extensions?: Record<string, unknown>;
}

/**
 * An error from the HTTP API, carrying the server's problem details so that a form can show each message next to
 * the field or row it concerns. `status` is 0 when the server could not be reached.
 */
export class ApiError extends Error implements ProblemDetails {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly detail?: string;
  readonly code?: string;
  readonly errors: ProblemFieldError[];
  readonly extensions: Record<string, unknown>;

  constructor(problem: ProblemDetails) {
    super(problem.detail ?? problem.title);
    this.name = 'ApiError';
    this.type = problem.type;
    this.title = problem.title;
    this.status = problem.status;
    this.detail = problem.detail;
    this.code = problem.code;
    this.errors = problem.errors;
    this.extensions = problem.extensions ?? {};
  }

  /** The first message for a field path (exact match, or a child of it such as `rows.3.value` under `rows.3`). */
  fieldError(path: string): string | undefined {
    return this.errors.find((e) => e.path === path || e.path.startsWith(`${path}.`))?.message;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function readFieldErrors(value: unknown): ProblemFieldError[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((item): ProblemFieldError[] => {
    if (!isRecord(item) || typeof item.message !== 'string') return [];
    // Servers spell the location as a string path or a JSON-pointer-like array; accept both.
    const rawPath = item.path ?? item.pointer ?? '';
    const path = Array.isArray(rawPath) ? rawPath.map(String).join('.') : String(rawPath).replace(/^#?\//, '').replaceAll('/', '.');
    return [
      {
        path,
        message: item.message,
        ...(typeof item.sheet === 'string' ? { sheet: item.sheet } : {}),
        ...(typeof item.row === 'number' ? { row: item.row } : {}),
        ...(typeof item.column === 'string' ? { column: item.column } : {}),
      },
    ];
  });
}

/**
 * Reads an RFC 9457 problem document from any JSON body, filling what is missing from the HTTP status,
 * so that callers always receive a complete {@link ProblemDetails}.
 */
export function parseProblemDetails(body: unknown, status: number, statusText: string): ProblemDetails {
  const record = isRecord(body) ? body : {};
  const { type, title, status: _status, detail, code, errors, ...extensions } = record;
  return {
    type: typeof type === 'string' ? type : 'about:blank',
    title: typeof title === 'string' ? title : statusText || `HTTP ${status}`,
    status: typeof record.status === 'number' ? record.status : status,
    detail: typeof detail === 'string' ? detail : undefined,
    code: typeof code === 'string' ? code : undefined,
    errors: readFieldErrors(errors),
    extensions,
  };
}
