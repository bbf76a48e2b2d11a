/**
 * The formula syntax tree: a small, closed set of node kinds (nothing of JavaScript survives parsing). Positions
 * are 0-based character offsets into the formula text, `end` exclusive, so an editor can underline a node.
 * The tree is plain JSON: it can be stored with a framework and evaluated later without re-parsing.
 */
export interface Span {
  start: number;
  end: number;
}

export type ArithmeticOperator = '+' | '-' | '*' | '/';
export type ComparisonOperator = '==' | '!=' | '<' | '<=' | '>' | '>=';
export type LogicalOperator = '&&' | '||';
export type BinaryOperator = ArithmeticOperator | ComparisonOperator | LogicalOperator;
export type UnaryOperator = '-' | '+' | '!';

export type FormulaNode =
  | ({ type: 'number'; value: number } & Span)
  | ({ type: 'string'; value: string } & Span)
  | ({ type: 'boolean'; value: boolean } & Span)
  | ({ type: 'null' } & Span)
  | ({ type: 'name'; name: string } & Span)
  | ({ type: 'unary'; operator: UnaryOperator; argument: FormulaNode } & Span)
  | ({ type: 'binary'; operator: BinaryOperator; left: FormulaNode; right: FormulaNode } & Span)
  | ({ type: 'call'; name: string; nameSpan: Span; args: FormulaNode[] } & Span);

export const arithmeticOperators: ReadonlySet<string> = new Set<ArithmeticOperator>(['+', '-', '*', '/']);
export const comparisonOperators: ReadonlySet<string> = new Set<ComparisonOperator>(['==', '!=', '<', '<=', '>', '>=']);
export const logicalOperators: ReadonlySet<string> = new Set<LogicalOperator>(['&&', '||']);
