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

/** `JSON.stringify([...items])`, a batch of elements at a time, each made as the pieces are read. */
export function* listPieces(items: Iterable<unknown>): Generator<string> {
  yield '[';
  let batch: string[] = [];
  let first = true;
  for (const item of items) {
    batch.push((JSON.stringify(item) as string | undefined) ?? 'null');
    if (batch.length === BATCH) {
      yield (first ? '' : ',') + batch.join(',');
      first = false;
      batch = [];
    }
  }
  if (batch.length > 0) yield (first ? '' : ',') + batch.join(',');
  yield ']';
}

/** The pieces as one, for callers that want the whole output (small traces, tests). */
export function joinPieces(pieces: Iterable<string>): string {
  let text = '';
  for (const piece of pieces) text += piece;
  return text;
}
