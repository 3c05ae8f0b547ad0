/**
 * Reading a file as text and writing it back without changing a byte we did not mean to change.
 * `readFileSync(f, 'utf8')` turns every byte that is not valid UTF-8 into U+FFFD, so writing the text back
 * would rewrite those bytes too. Here each such byte stands for itself as one private-use character
 * (U+10FF00 + the byte) while the file is text, and becomes that byte again when it is written.
 */
const STAND_IN = 0x10ff00;

/** The text of `bytes`; undefined when the file already holds the stand-in characters (it can't be round-tripped). */
export function decodeExact(bytes: Uint8Array): string | undefined {
  const parts: string[] = [];
  let from = 0;
  let i = 0;
  const flush = (to: number): void => {
    if (to > from) parts.push(Buffer.from(bytes.buffer, bytes.byteOffset + from, to - from).toString('utf8'));
  };
  while (i < bytes.length) {
    const length = validSequence(bytes, i);
    if (length > 0) {
      i += length;
      continue;
    }
    flush(i);
    parts.push(String.fromCodePoint(STAND_IN + bytes[i]));
    i++;
    from = i;
  }
  flush(i);
  const text = parts.join('');
  // A file that already contains these characters would be ambiguous; let the caller refuse to write it.
  if (/[\u{10ff00}-\u{10ffff}]/u.test(Buffer.from(bytes).toString('utf8'))) return undefined;
  return text;
}

/** The bytes of `text`, each stand-in character written back as the byte it stood for. */
export function encodeExact(text: string): Buffer {
  const chunks: Buffer[] = [];
  let from = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.codePointAt(i)!;
    if (code < STAND_IN || code > STAND_IN + 0xff) {
      if (code > 0xffff) i++;
      continue;
    }
    chunks.push(Buffer.from(text.slice(from, i), 'utf8'), Buffer.from([code - STAND_IN]));
    i++;
    from = i + 1;
  }
  chunks.push(Buffer.from(text.slice(from), 'utf8'));
  return Buffer.concat(chunks);
}

/** The length of the well-formed UTF-8 sequence at `i` (RFC 3629), or 0. */
function validSequence(b: Uint8Array, i: number): number {
  const c = b[i];
  if (c < 0x80) return 1;
  const cont = (k: number): boolean => i + k < b.length && (b[i + k] & 0xc0) === 0x80;
  if (c >= 0xc2 && c <= 0xdf) return cont(1) ? 2 : 0;
  if (c >= 0xe0 && c <= 0xef) {
    const lo = c === 0xe0 ? 0xa0 : 0x80;
    const hi = c === 0xed ? 0x9f : 0xbf;
    return i + 1 < b.length && b[i + 1] >= lo && b[i + 1] <= hi && cont(2) ? 3 : 0;
  }
  if (c >= 0xf0 && c <= 0xf4) {
    const lo = c === 0xf0 ? 0x90 : 0x80;
    const hi = c === 0xf4 ? 0x8f : 0xbf;
    return i + 1 < b.length && b[i + 1] >= lo && b[i + 1] <= hi && cont(2) && cont(3) ? 4 : 0;
  }
  return 0;
}
