/**
 * Output that reached the program's stdout or stderr without passing through its `process.stdout`
 * or `process.stderr`, where the runtime records console lines: a child process sharing the stream,
 * `fs.writeSync(1, ...)`, Node's own report of an uncaught error. The runner keeps every character
 * the stream carried; walking it alongside the recorded writes, in order, leaves what nobody recorded,
 * and where in the stream it sat.
 */
const MAX_LOOKS = 64;

export class OutsideOutput {
  private at = 0;

  private readonly stream: string;

  /** `whole`: the stream as it was; false when only its start was kept, whose unfinished last line is dropped. */
  constructor(
    stream: string,
    private readonly whole = true,
  ) {
    this.stream = whole ? stream : stream.slice(0, stream.lastIndexOf('\n') + 1);
  }

  /**
   * The text that came before the recorded write `text` (whose whole length, before the runtime
   * dropped its newline or cut it, is `length`), stepping past the write. A write not found in the
   * stream (the program was killed before it was flushed) takes nothing.
   */
  before(text: string, length: number): string {
    const whole = Math.max(length, text.length);
    const found = this.find(text, whole);
    if (found < 0) return '';
    const outside = this.stream.slice(this.at, found);
    this.at = found + whole;
    return outside;
  }

  /** What is left after the last recorded write. */
  rest(): string {
    const outside = this.whole ? this.stream.slice(this.at) : '';
    this.at = this.stream.length;
    return outside;
  }

  /**
   * Where the write starts: right here in the common case. Otherwise another writer came first, and
   * the first place after it that starts a line is preferred to a match inside the other's line
   * (`hi` inside `child says hi`).
   */
  private find(cut: string, length: number): number {
    const { stream } = this;
    // The newline the runtime dropped is looked for too: `hi\n` is not inside `child\n`.
    const text = length === cut.length + 1 ? `${cut}\n` : length === cut.length + 2 ? `${cut}\r\n` : cut;
    if (stream.startsWith(text, this.at)) return this.at + length <= stream.length ? this.at : -1;
    let first = -1;
    let looks = 0;
    for (
      let i = stream.indexOf(text, this.at);
      i >= 0 && i + length <= stream.length;
      i = stream.indexOf(text, i + 1)
    ) {
      if (stream[i - 1] === '\n') return i;
      if (first < 0) first = i;
      // A short text found over and over mid-line: the first will do, rather than a walk to the end.
      if (++looks === MAX_LOOKS) break;
    }
    return first;
  }
}

/** Outside text as console lines: one per line, without the newline, a last unfinished one kept. */
export function outsideLines(text: string): string[] {
  if (text === '') return [];
  const lines = text.split('\n').map((line) => (line.endsWith('\r') ? line.slice(0, -1) : line));
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}
