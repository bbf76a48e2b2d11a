import { readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { repoRoot } from './cli.js';

/** One page of the web app as its router declares it. */
export interface WebPage {
  /** `/admin/users`, `/results/:year`; the index route is `/`. */
  path: string;
  /** The roles of its `<RequireRole>` guard; null when the page has none (public, or it handles sign-in itself). */
  roles: string[] | null;
}

export const routerFile = path.join(repoRoot, 'src', 'web', 'app', 'router.tsx');

/**
 * The web app's pages, read from the router configuration itself (src/web/app/router.tsx, parsed with the
 * TypeScript compiler, nothing evaluated), so that a page added there is covered by the tests that use this
 * without anyone listing it again. Anything the reader does not understand throws: a router that changed shape
 * must fail loudly, never yield fewer pages.
 */
export function webPages(file = routerFile): WebPage[] {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
  const fail = (node: ts.Node, what: string): never => {
    const { line } = source.getLineAndCharacterOfPosition(node.getStart());
    throw new Error(`${path.basename(file)}:${line + 1}: ${what}: ${node.getText().slice(0, 120)}`);
  };

  // Top-level `const x = ['a', 'b'] as const` (or `= otherList`): the role lists the guards spread.
  const declarations = new Map<string, ts.Expression>();
  for (const statement of source.statements) {
    if (!ts.isVariableStatement(statement)) continue;
    for (const d of statement.declarationList.declarations) {
      if (ts.isIdentifier(d.name) && d.initializer) declarations.set(d.name.text, d.initializer);
    }
  }
  const unwrap = (e: ts.Expression): ts.Expression =>
    ts.isAsExpression(e) || ts.isParenthesizedExpression(e) || ts.isSatisfiesExpression(e) ? unwrap(e.expression) : e;
  const strings = (e: ts.Expression, seen: Set<string> = new Set()): string[] => {
    const x = unwrap(e);
    if (ts.isStringLiteral(x) || ts.isNoSubstitutionTemplateLiteral(x)) return [x.text];
    if (ts.isIdentifier(x)) {
      const init = declarations.get(x.text);
      if (!init || seen.has(x.text)) return fail(x, 'a role list that is not a top-level constant');
      return strings(init, new Set([...seen, x.text]));
    }
    if (ts.isArrayLiteralExpression(x)) return x.elements.flatMap((el) => (ts.isSpreadElement(el) ? strings(el.expression, seen) : strings(el, seen)));
    return fail(x, 'a role list the page reader does not understand');
  };

  const guardOf = (element: ts.Expression | undefined): string[] | null => {
    if (!element) return null;
    const x = unwrap(element);
    const opening = ts.isJsxElement(x) ? x.openingElement : ts.isJsxSelfClosingElement(x) ? x : null;
    if (!opening || opening.tagName.getText() !== 'RequireRole') return null;
    const attr = opening.attributes.properties.find((p): p is ts.JsxAttribute => ts.isJsxAttribute(p) && p.name.getText() === 'roles');
    if (!attr?.initializer || !ts.isJsxExpression(attr.initializer) || !attr.initializer.expression) return fail(opening, 'a RequireRole without roles');
    return strings(attr.initializer.expression);
  };

  const pages: WebPage[] = [];
  const walk = (routes: ts.ArrayLiteralExpression, parent: string) => {
    for (const r of routes.elements) {
      if (!ts.isObjectLiteralExpression(r)) fail(r, 'a route that is not an object literal');
      const prop = (name: string) =>
        (r as ts.ObjectLiteralExpression).properties.find((p): p is ts.PropertyAssignment => ts.isPropertyAssignment(p) && p.name.getText() === name)
          ?.initializer;
      const pathNode = prop('path');
      const index = prop('index');
      const children = prop('children');
      let own = parent;
      if (pathNode) {
        if (!ts.isStringLiteral(pathNode)) fail(pathNode, 'a route path that is not a string literal');
        const p = (pathNode as ts.StringLiteral).text;
        own = p.startsWith('/') ? p : `${parent.replace(/\/$/, '')}/${p}`;
      }
      if (pathNode || index?.kind === ts.SyntaxKind.TrueKeyword) pages.push({ path: own, roles: guardOf(prop('element')) });
      if (children) {
        if (!ts.isArrayLiteralExpression(children)) fail(children, 'route children that are not an array literal');
        walk(children as ts.ArrayLiteralExpression, own);
      }
    }
  };

  let found = false;
  const visit = (node: ts.Node) => {
    if (ts.isCallExpression(node) && node.expression.getText() === 'createBrowserRouter') {
      const routes = node.arguments[0];
      if (!routes || !ts.isArrayLiteralExpression(routes)) fail(node, 'createBrowserRouter without an array literal of routes');
      walk(routes as ts.ArrayLiteralExpression, '/');
      found = true;
      return;
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  if (!found) throw new Error(`${file}: no createBrowserRouter([...]) call`);
  return pages;
}

/** Pages with an address of their own: no `:parameter` and not the catch-all. */
export const topLevelPages = (pages: WebPage[]) => pages.filter((p) => !p.path.includes(':') && !p.path.includes('*'));

/** Whether a user holding these roles may open the page (unguarded pages: anyone). */
export const pageAllows = (page: WebPage, roles: readonly string[]) => page.roles === null || page.roles.some((r) => roles.includes(r));
