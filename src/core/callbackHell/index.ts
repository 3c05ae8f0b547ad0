/** The callback-hell rule: analysis and rewrite over TypeScript's syntax tree. No vscode here. */
export {
  analyze,
  analyzeEdits,
  DEFAULT_MAX_DEPTH,
  type Analysis,
  type Finding,
  type Level,
  type Rule,
} from './analyze';
export { planFix, fixAll, type FixPlan, type FixAllResult, type Style } from './fix';
export { scriptKindOf, type TextChange } from './parse';
export { applyEdits, type Edit } from './text';
