import type * as TS from 'typescript';
import { typescript } from '../syntax/typescript';
import { calleeName, isFunctionLike, skipOuter } from '../syntax/nodes';
import { functionName } from './sites';

/**
 * The functions one file declares, by name, and which of them a call in the file reaches: how the
 * hover follows a call of the file's own function to the promises that function made. The names are
 * gathered on first use, once per parsed file.
 */
export class FileFunctions {
  private byName: Map<string, TS.FunctionLikeDeclaration[]> | undefined;

  constructor(private readonly sourceFile: TS.SourceFile) {}

  /** Functions of this file a call may reach, by name: the nearest declaration in scope for a plain name. */
  declarationsFor(call: TS.CallExpression): TS.FunctionLikeDeclaration[] {
    const ts = typescript();
    const name = calleeName(call);
    if (name === undefined) return [];
    const candidates = this.functionsByName().get(name) ?? [];
    if (candidates.length <= 1) return candidates;
    const callee = skipOuter(call.expression);
    if (!ts.isIdentifier(callee)) return [];
    // Several functions share the name: take the one declared in the innermost scope around the call.
    let best: TS.FunctionLikeDeclaration | undefined;
    let bestDepth = -1;
    for (const fn of candidates) {
      const scope = scopeOf(fn);
      if (scope.pos <= call.pos && call.end <= scope.end) {
        const depth = depthOf(scope);
        if (depth > bestDepth) {
          best = fn;
          bestDepth = depth;
        }
      }
    }
    return best ? [best] : [];
  }

  /** How many calls in the file name `name`. */
  callsOf(name: string | undefined): number {
    if (name === undefined) return 0;
    const ts = typescript();
    let count = 0;
    const visit = (node: TS.Node): void => {
      if (ts.isCallExpression(node) && calleeName(node) === name) count++;
      ts.forEachChild(node, visit);
    };
    visit(this.sourceFile);
    return count;
  }

  private functionsByName(): Map<string, TS.FunctionLikeDeclaration[]> {
    if (this.byName) return this.byName;
    const ts = typescript();
    const map = new Map<string, TS.FunctionLikeDeclaration[]>();
    const visit = (node: TS.Node): void => {
      if (isFunctionLike(node) && !ts.isConstructorDeclaration(node)) {
        const name = functionName(node);
        if (name !== undefined) map.set(name, [...(map.get(name) ?? []), node]);
      }
      ts.forEachChild(node, visit);
    };
    visit(this.sourceFile);
    this.byName = map;
    return map;
  }
}

/** The block, function or file a declaration is visible in. */
function scopeOf(fn: TS.Node): TS.Node {
  const ts = typescript();
  let node = fn.parent;
  while (
    node &&
    !ts.isBlock(node) &&
    !ts.isSourceFile(node) &&
    !isFunctionLike(node) &&
    !ts.isClassLike(node) &&
    !ts.isModuleBlock(node)
  )
    node = node.parent;
  return node ?? fn.getSourceFile();
}

function depthOf(node: TS.Node): number {
  let depth = 0;
  for (let n: TS.Node | undefined = node; n; n = n.parent) depth++;
  return depth;
}
