import type { OpenAPIV3 } from 'openapi-types';

/**
 * The route reference in docs/api.md, rendered from the app's own OpenAPI document: one table per tag with the
 * method, the path, who may call it (`x-hopejobs-access`) and the summary. A test renders it again and compares,
 * so the page cannot fall behind the code.
 */
const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

type Operation = OpenAPIV3.OperationObject & { 'x-hopejobs-access'?: 'public' | 'authenticated' | readonly string[] };

const ACCESS_TEXT = (a: Operation['x-hopejobs-access']) =>
  a === undefined || a === 'public' ? 'anyone' : a === 'authenticated' ? 'signed in' : a.map((r) => `\`${r}\``).join(' ');

const cell = (s: string) => s.replaceAll('|', '\\|').replace(/\s+/g, ' ').trim();

export function renderRouteReference(doc: Pick<OpenAPIV3.Document, 'paths'>): string {
  const byTag = new Map<string, Array<{ order: string; row: string }>>();
  let count = 0;
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const method of METHODS) {
      const op = item?.[method] as Operation | undefined;
      if (!op) continue;
      count++;
      const tag = op.tags?.[0] ?? 'other';
      const row = `| ${method.toUpperCase()} | \`${path}\` | ${ACCESS_TEXT(op['x-hopejobs-access'])} | ${cell(op.summary ?? '')} |`;
      // path first, then the method in the conventional order, so a resource's routes sit together
      byTag.set(tag, [...(byTag.get(tag) ?? []), { order: `${path}\u0000${METHODS.indexOf(method)}`, row }]);
    }
  }
  const sections = [...byTag.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([tag, rows]) =>
      [`### ${tag}`, '', '| method | path | who | what |', '|---|---|---|---|', ...rows.sort((x, y) => (x.order < y.order ? -1 : 1)).map((r) => r.row)].join(
        '\n',
      ),
    );
  return [`${count} operations, generated from \`/api/docs/json\`. Roles: see the glossary (docs/glossary.md).`, '', ...sections.flatMap((s) => [s, ''])]
    .join('\n')
    .trimEnd();
}

export const ROUTES_START = '<!-- routes:start (generated; UPDATE_API_DOCS=1 npx vitest run test/server/api-reference.test.ts) -->';
export const ROUTES_END = '<!-- routes:end -->';

/** Replaces the generated block of a markdown page (or appends it) with `table`. */
export function spliceRouteReference(page: string, table: string): string {
  const block = `${ROUTES_START}\n${table}\n${ROUTES_END}`;
  const start = page.indexOf(ROUTES_START);
  const end = page.indexOf(ROUTES_END);
  if (start < 0 || end < start) return `${page.trimEnd()}\n\n## All routes\n${block}\n`;
  return page.slice(0, start) + block + page.slice(end + ROUTES_END.length);
}
