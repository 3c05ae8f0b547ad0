/** The callback-hell rule: analysis and rewrite over TypeScript's syntax tree. No vscode here. */
export {
  analyze,
  analyzeEdits,
  analyzeParsed,
  DEFAULT_MAX_DEPTH,
  type Analysis,
  type Finding,
  type Level,
  type Rule,
} from './analyze';
export { planFix, fixAll, type FixPlan, type FixAllResult, type Style } from './fix';
export { parse, scriptKindOf, type Parsed, type ScriptKindName, type TextChange } from '../syntax/parse';
export { applyEdits, type Edit } from './text';
