/**
 * The indicator formula language: parse (jsep) → check → evaluate by walking the tree. Nothing is executed as
 * JavaScript. See docs in `functions.ts` for the function list.
 */
export type { FormulaNode, Span } from './ast.js';
export { parseFormula, type FormulaProblem, type ParseResult } from './parse.js';
export { formulaFunctions, contextNames, RECORD_DATE_NAME, type FunctionSpec } from './functions.js';
export {
  compileFormula,
  compileFormulaOrThrow,
  type CompiledFormula,
  type CompileOptions,
  type CompileResult,
  type FormulaFieldInfo,
  type FormulaRecordTypeInfo,
} from './compile.js';
export {
  evaluateFormula,
  type EvaluationResult,
  type FormulaContext,
  type FormulaRecord,
  type FormulaValue,
  type RecordsBehind,
  type TraceEntry,
} from './evaluate.js';
