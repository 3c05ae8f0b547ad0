import { readModules, utilNameFree, type ModuleInfo } from './modules';
import { Scopes } from '../syntax/scope';
import { bindsItself, referencedNames } from '../syntax/names';
import { isInside } from '../syntax/nodes';
import { isCallback } from './roles';
import { templateRanges } from './text';
import { typescript, type TS } from '../syntax/typescript';

/**
 * What every plan of one file needs from the whole file, computed once per parse: `lint` plans every
 * finding, so anything that walks the whole file per finding makes it quadratic.
 */
export class FileFacts {
  readonly scopes = new Scopes();
  private modulesValue: ModuleInfo | undefined;
  private readonly templatesByNode = new Map<TS.Node, Array<[number, number]>>();
  private namesValue: Set<string> | undefined;
  private utilFreeValue: boolean | undefined;
  private readonly refs = new Map<TS.Node, Map<string, TS.Identifier[]>>();
  private readonly outer = new Map<TS.Node, Map<string, TS.Identifier[]>>();
  /** What `calleeProblem` found for a function and the argument its callback is: every level calling it asks. */
  readonly calleeProblems = new Map<TS.Node, Map<string, string | undefined>>();
  private readonly definitions = new Map<
    TS.Node,
    Map<string, { found?: TS.FunctionLikeDeclaration; assigned: boolean }>
  >();

  constructor(
    readonly sf: TS.SourceFile,
    private readonly kind: string,
  ) {}

  get modules(): ModuleInfo {
    return (this.modulesValue ??= readModules(this.sf, this.kind));
  }

  /** Ranges of multi-line string and template literals that can hold a line of `node` (in it, or around it). */
  templatesFor(node: TS.Node): Array<[number, number]> {
    let found = this.templatesByNode.get(node);
    if (!found) this.templatesByNode.set(node, (found = templateRanges(this.sf, node)));
    return found;
  }

  /** Every identifier name in the file: fresh names avoid all of them. */
  get names(): ReadonlySet<string> {
    return (this.namesValue ??= new Set(this.referencesIn(this.sf).keys()));
  }

  get utilFree(): boolean {
    return (this.utilFreeValue ??= utilNameFree(this.sf, this.scopes));
  }

  /** `referencedNames(node)`, kept: for the file and for the blocks pyramids sit in. Do not mutate. */
  referencesIn(node: TS.Node): Map<string, TS.Identifier[]> {
    let found = this.refs.get(node);
    if (!found) {
      found = referencedNames(node);
      this.refs.set(node, found);
    }
    return found;
  }

  /**
   * The identifiers named `name` in `holder` that read a variable declared in `holder` itself or outside
   * it (or a global): the ones a new variable of that name in `holder` would capture.
   */
  outerReferences(holder: TS.Node, name: string): readonly TS.Identifier[] {
    const key = `${name}`;
    let byName = this.outer.get(holder);
    if (!byName) this.outer.set(holder, (byName = new Map()));
    let found = byName.get(key);
    if (!found) {
      found = (this.referencesIn(holder).get(name) ?? []).filter((id) => {
        // Cheap first: inside a function of `holder` that binds the name itself, it reads that binding.
        if (boundBelow(id, holder, name)) return false;
        const scope = this.scopes.resolve(id);
        return !scope || scope === holder || !isInside(scope, holder);
      });
      byName.set(key, found);
    }
    return found;
  }

  /**
   * The function a name declared in `scope` is bound to (a function declaration, or `const f = function/arrow`),
   * unless it is also assigned somewhere; one walk of the scope for every name in it.
   */
  definitionIn(scope: TS.Node, name: string): TS.FunctionLikeDeclaration | undefined {
    let index = this.definitions.get(scope);
    if (!index) {
      index = this.indexDefinitions(scope);
      this.definitions.set(scope, index);
    }
    const entry = index.get(name);
    return entry && !entry.assigned ? entry.found : undefined;
  }

  private indexDefinitions(scope: TS.Node): Map<string, { found?: TS.FunctionLikeDeclaration; assigned: boolean }> {
    const ts = typescript();
    const index = new Map<string, { found?: TS.FunctionLikeDeclaration; assigned: boolean }>();
    const entry = (name: string): { found?: TS.FunctionLikeDeclaration; assigned: boolean } => {
      let e = index.get(name);
      if (!e) index.set(name, (e = { assigned: false }));
      return e;
    };
    const visit = (node: TS.Node): void => {
      if (ts.isFunctionDeclaration(node) && node.name && node.body) {
        if (this.scopes.resolveName(node.name.text, node.parent) === scope) entry(node.name.text).found = node;
      } else if (
        ts.isVariableDeclaration(node) &&
        ts.isIdentifier(node.name) &&
        node.initializer &&
        isCallback(node.initializer)
      ) {
        if (this.scopes.resolveName(node.name.text, node.parent) === scope)
          entry(node.name.text).found = node.initializer;
      } else if (
        ts.isBinaryExpression(node) &&
        node.operatorToken.kind === ts.SyntaxKind.EqualsToken &&
        ts.isIdentifier(node.left) &&
        this.scopes.resolve(node.left) === scope
      ) {
        entry(node.left.text).assigned = true;
      }
      ts.forEachChild(node, visit);
    };
    visit(scope);
    return index;
  }
}

/** True when a function between `id` and `holder` (not `holder`) binds `name` itself: a parameter, or its own name. */
function boundBelow(id: TS.Identifier, holder: TS.Node, name: string): boolean {
  const ts = typescript();
  for (let node: TS.Node | undefined = id.parent; node && node !== holder; node = node.parent)
    if (ts.isFunctionLike(node) && bindsItself(node, name)) return true;
  return false;
}

const cache = new WeakMap<TS.SourceFile, FileFacts>();

export function factsOf(sf: TS.SourceFile, kind: string): FileFacts {
  let facts = cache.get(sf);
  if (!facts) {
    facts = new FileFacts(sf, kind);
    cache.set(sf, facts);
  }
  return facts;
}
