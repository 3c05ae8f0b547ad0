/**
 * Bytes in and out for the binary native format (`native.ts`): a growing buffer written with varints,
 * a reader over it, and the one table of interned strings. Browser-safe (the timeline page decodes with
 * it): Uint8Array, DataView, TextEncoder and TextDecoder only, no Node Buffer.
 */

/** Integers the int columns carry exactly: deltas and their zigzag stay below 2^53. */
export const MAX_INT = 2 ** 50;

export class ByteWriter {
  bytes: Uint8Array;
  length = 0;
  private view: DataView;

  constructor(capacity = 1 << 16) {
    this.bytes = new Uint8Array(capacity);
    this.view = new DataView(this.bytes.buffer);
  }

  /** Room for `n` more bytes: the buffer doubles, so a trace is copied O(log size) times in all. */
  ensure(n: number): void {
    const need = this.length + n;
    if (need <= this.bytes.length) return;
    let size = this.bytes.length * 2;
    while (size < need) size *= 2;
    const next = new Uint8Array(size);
    next.set(this.bytes.subarray(0, this.length));
    this.bytes = next;
    this.view = new DataView(next.buffer);
  }

  /** A non-negative integer below 2^53, seven bits a byte, low bits first. */
  uint(v: number): void {
    this.ensure(8);
    const b = this.bytes;
    let p = this.length;
    if (v < 0x80000000) {
      while (v >= 0x80) {
        b[p++] = (v & 0x7f) | 0x80;
        v >>>= 7;
      }
    } else {
      while (v >= 0x80) {
        b[p++] = (v % 0x80) | 0x80;
        v = Math.floor(v / 0x80);
      }
    }
    b[p++] = v;
    this.length = p;
  }

  /** A signed integer, zigzagged so that small magnitudes take one byte. */
  int(v: number): void {
    this.uint(v >= 0 ? v * 2 : -v * 2 - 1);
  }

  /** Integers as signed differences from the one before (from 0): room made once, one tight loop. */
  deltas(values: readonly number[]): void {
    this.ensure(values.length * 8);
    const b = this.bytes;
    let p = this.length;
    let last = 0;
    for (let i = 0; i < values.length; i++) {
      const d = values[i] - last;
      last = values[i];
      let z = d >= 0 ? d * 2 : -d * 2 - 1;
      if (z < 0x80000000) {
        while (z >= 0x80) {
          b[p++] = (z & 0x7f) | 0x80;
          z >>>= 7;
        }
      } else {
        while (z >= 0x80) {
          b[p++] = (z % 0x80) | 0x80;
          z = Math.floor(z / 0x80);
        }
      }
      b[p++] = z;
    }
    this.length = p;
  }

  float(v: number): void {
    this.ensure(8);
    this.view.setFloat64(this.length, v, true);
    this.length += 8;
  }

  raw(bytes: Uint8Array): void {
    this.ensure(bytes.length);
    this.bytes.set(bytes, this.length);
    this.length += bytes.length;
  }

  /** Exactly the bytes written, in a buffer of their own (a webview message carries the whole buffer). */
  finish(): Uint8Array {
    return this.bytes.slice(0, this.length);
  }
}

export class ByteReader {
  offset: number;
  private readonly view: DataView;

  constructor(
    readonly bytes: Uint8Array,
    offset = 0,
  ) {
    this.offset = offset;
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  uint(): number {
    const b = this.bytes;
    let p = this.offset;
    let byte = b[p++];
    if (byte < 0x80) {
      this.offset = p;
      return byte;
    }
    let v = byte & 0x7f;
    let scale = 0x80;
    for (;;) {
      if (p >= b.length) throw new Error('the trace ends in the middle of a number');
      byte = b[p++];
      v += (byte & 0x7f) * scale;
      if (byte < 0x80) break;
      scale *= 0x80;
    }
    this.offset = p;
    return v;
  }

  int(): number {
    const z = this.uint();
    return z % 2 === 0 ? z / 2 : -(z + 1) / 2;
  }

  float(): number {
    const v = this.view.getFloat64(this.offset, true);
    this.offset += 8;
    return v;
  }

  take(n: number): Uint8Array {
    if (this.offset + n > this.bytes.length) throw new Error('the trace ends early');
    const out = this.bytes.subarray(this.offset, this.offset + n);
    this.offset += n;
    return out;
  }
}

/** Every string of a trace once; columns hold their codes. */
export class StringTable {
  readonly list: string[] = [];
  private readonly codes = new Map<string, number>();

  code(s: string): number {
    let c = this.codes.get(s);
    if (c === undefined) {
      c = this.list.length;
      this.list.push(s);
      this.codes.set(s, c);
    }
    return c;
  }
}

const UTF8 = 0;
const UTF16 = 1;

/** A lone surrogate (a program's string may hold one) has no UTF-8 form: such a table goes as UTF-16. */
function wellFormed(s: string): boolean {
  const native = (s as { isWellFormed?: () => boolean }).isWellFormed;
  if (native) return native.call(s);
  return !/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(s);
}

/**
 * The table as its lengths (in UTF-16 units) and one blob of the strings joined: one encoding call
 * to write and one decoding call to read, however many strings (a million small ones is common).
 */
export function writeStrings(w: ByteWriter, list: readonly string[]): void {
  w.uint(list.length);
  for (const s of list) w.uint(s.length);
  const all = list.join('');
  if (wellFormed(all)) {
    w.uint(UTF8);
    // At most three bytes per UTF-16 unit; the length goes before the blob, so room is kept for it.
    w.ensure(all.length * 3 + 8);
    const start = w.length + 8;
    const { written } = new TextEncoder().encodeInto(all, w.bytes.subarray(start));
    w.uint(written);
    w.bytes.copyWithin(w.length, start, start + written);
    w.length += written;
  } else {
    w.uint(UTF16);
    w.uint(all.length * 2);
    w.ensure(all.length * 2);
    for (let i = 0; i < all.length; i++) {
      const c = all.charCodeAt(i);
      w.bytes[w.length++] = c & 0xff;
      w.bytes[w.length++] = c >>> 8;
    }
  }
}

export function readStrings(r: ByteReader): string[] {
  const count = r.uint();
  const lengths = new Array<number>(count);
  for (let i = 0; i < count; i++) lengths[i] = r.uint();
  const encoding = r.uint();
  const blob = r.take(r.uint());
  let all: string;
  if (encoding === UTF8) all = new TextDecoder('utf-8', { fatal: true }).decode(blob);
  else if (encoding === UTF16) {
    // TextDecoder would replace lone surrogates: the units are copied as they are.
    const parts: string[] = [];
    for (let i = 0; i < blob.length; i += 16384) {
      const end = Math.min(blob.length, i + 16384);
      const units = new Array<number>((end - i) >> 1);
      for (let j = i, k = 0; j + 1 < end; j += 2) units[k++] = blob[j] | (blob[j + 1] << 8);
      parts.push(String.fromCharCode(...units));
    }
    all = parts.join('');
  } else throw new Error(`unknown string encoding ${encoding}`);
  const list = new Array<string>(count);
  let at = 0;
  for (let i = 0; i < count; i++) {
    list[i] = all.slice(at, at + lengths[i]);
    at += lengths[i];
  }
  if (at !== all.length) throw new Error('the string table does not add up');
  return list;
}
