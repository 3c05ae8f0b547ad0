/**
 * The source's side of `core/trace/awaits.ts`: whether an `await` is written in the function an
 * async call ran. Asked only about an async function that returned a promise (that return leaves no
 * event), so only those traces parse anything here. The call is followed to its function as handlers
 * are (`functionOf`); the `await`'s innermost enclosing function must be that very node.
 */
import type * as TS from 'typescript';
import { markAwaits } from '../trace/awaits';
import type { SourceLocation, Trace, TracePromise } from '../trace/model';
import { readFromDisk, type SourceReader } from '../trace/sourceText';
import { isFunctionLike, offsetOf, pathTo } from '../syntax/nodes';
import { parseSource } from '../syntax/parse';
import { Scopes } from '../syntax/scope';
import { typescript } from '../syntax/typescript';
import { functionOf, type OpenedSource } from './functionOf';

/** Sets `awaitIn` on the trace's await promises (see `core/trace/awaits.ts`). */
export function groupAwaits(trace: Trace, read: SourceReader = readFromDisk): void {
  const sources = new Sources(read);
  markAwaits(trace, (awaited, asyncPromise) => {
    if (!awaited.location || !asyncPromise.location) return undefined;
    const called = sources.calledFunction(asyncPromise);
    const enclosing = sources.enclosingFunction(awaited.location);
    if (!called || !enclosing) return undefined;
    return called === enclosing;
  });
}

class Sources {
  private readonly files = new Map<string, OpenedSource | null>();
  private readonly called = new Map<number, TS.Node | null>();

  constructor(private readonly read: SourceReader) {}

  /** The function node the call that made `asyncPromise` runs, when the source settles it. */
  calledFunction(asyncPromise: TracePromise): TS.Node | undefined {
    let found = this.called.get(asyncPromise.id);
    if (found === undefined) {
      found = null;
      const location = asyncPromise.location!;
      const source = this.open(location.file);
      const call = source && callAt(source.sourceFile, location);
      if (source && call) found = functionOf(call.expression, source, (file) => this.open(file))?.node ?? null;
      this.called.set(asyncPromise.id, found);
    }
    return found ?? undefined;
  }

  /** The innermost function written around a place. */
  enclosingFunction(location: SourceLocation): TS.Node | undefined {
    const source = this.open(location.file);
    if (!source) return undefined;
    const offset = offsetOf(source.sourceFile, location.line, location.column);
    if (offset === undefined) return undefined;
    const path = pathTo(source.sourceFile, offset);
    for (let i = path.length - 1; i >= 0; i--) if (isFunctionLike(path[i])) return path[i];
    return undefined;
  }

  private open(file: string): OpenedSource | undefined {
    let source = this.files.get(file);
    if (source === undefined) {
      const text = this.read(file);
      source =
        text === undefined ? null : { file, sourceFile: parseSource(text, file).sourceFile, scopes: new Scopes() };
      this.files.set(file, source);
    }
    return source ?? undefined;
  }
}

/** The innermost call whose callee holds the place V8 reports for it (the called name). */
function callAt(sourceFile: TS.SourceFile, location: SourceLocation): TS.CallExpression | undefined {
  const ts = typescript();
  const offset = offsetOf(sourceFile, location.line, location.column);
  if (offset === undefined) return undefined;
  const path = pathTo(sourceFile, offset);
  for (let i = path.length - 1; i >= 0; i--) {
    const node = path[i];
    if (ts.isCallExpression(node) && node.expression.getStart(sourceFile) <= offset && offset < node.expression.end)
      return node;
  }
  return undefined;
}
