/** The callback-hell rule: analysis and rewrite over TypeScript's syntax tree. No vscode here. */
export { analyze, DEFAULT_MAX_DEPTH, type Analysis, type Finding, type Level, type Rule } from './analyze';
export { planFix, fixAll, type FixPlan, type FixAllResult, type Style } from './fix';
export { scriptKindOf } from './parse';
export { applyEdits, type Edit } from './text';
