/**
 * A format's output in pieces of bounded size, for the CLI and the export to write one after the
 * other: a trace of a few million events is more text than one JavaScript string can hold (V8 stops
 * at about 512 MB), and the pieces together are exactly what one string would have been.
 */

/** Elements of a list written per piece: thousands of events, a few hundred kilobytes. */
const BATCH = 4096;

/**
 * `JSON.stringify(value)` of a plain object, with each list among its properties written a batch of
 * elements at a time. Same text: the own enumerable keys in their order, `undefined`, functions and
 * symbols left out of the object and written `null` in a list.
 */
export function* jsonPieces(value: object): Generator<string> {
  let open = '{';
  for (const [key, field] of Object.entries(value)) {
    if (Array.isArray(field)) {
      yield `${open}${JSON.stringify(key)}:`;
      yield* listPieces(field);
    } else {
      const text = JSON.stringify(field) as string | undefined;
      if (text === undefined) continue;
      yield `${open}${JSON.stringify(key)}:${text}`;
    }
    open = ',';
  }
  yield open === '{' ? '{}' : '}';
}

function* listPieces(list: readonly unknown[]): Generator<string> {
  yield '[';
  for (let start = 0; start < list.length; start += BATCH) {
    const end = Math.min(list.length, start + BATCH);
    let text = start === 0 ? '' : ',';
    for (let i = start; i < end; i++)
      text += (i === start ? '' : ',') + ((JSON.stringify(list[i]) as string | undefined) ?? 'null');
    yield text;
  }
  yield ']';
}

/** `lines.join('\n')`, a batch of lines at a time. */
export function* linePieces(lines: readonly string[]): Generator<string> {
  for (let start = 0; start < lines.length; start += BATCH)
    yield (start === 0 ? '' : '\n') + lines.slice(start, start + BATCH).join('\n');
}

/** The pieces as one, for callers that want the whole output (small traces, tests). */
export function joinPieces(pieces: Iterable<string>): string {
  let text = '';
  for (const piece of pieces) text += piece;
  return text;
}
