import {
  ObjectIs,
  RegExpTest,
  StringCharCodeAt,
  StringCtor,
  StringIndexOf,
  StringSlice,
  SymbolToString,
} from './primordials';
import { STRING_MAX } from './describeBounds';

/** Primitives and property keys written the way `util.inspect` writes them, through the saved builtins only. */

/** The text of a primitive, as `util.inspect` writes it. */
export function primitiveText(value: unknown): string {
  switch (typeof value) {
    case 'string':
      return quote(value);
    case 'number':
      return ObjectIs(value, -0) ? '-0' : StringCtor(value);
    case 'bigint':
      return `${value}n`;
    case 'symbol':
      return SymbolToString(value);
    default:
      return StringCtor(value);
  }
}

export function keyText(key: PropertyKey): string {
  if (typeof key === 'symbol') return `[${SymbolToString(key)}]`;
  return RegExpTest(/^[A-Za-z_][A-Za-z_0-9]*$/, key as string) ? (key as string) : quote(key as string);
}

/** A string quoted and escaped as `util.inspect` writes it, cut to `STRING_MAX` characters. */
export function quote(text: string): string {
  let rest = 0;
  if (text.length > STRING_MAX) {
    rest = text.length - STRING_MAX;
    text = StringSlice(text, 0, STRING_MAX);
  }
  let q = "'";
  if (StringIndexOf(text, "'") >= 0) {
    if (StringIndexOf(text, '"') < 0) q = '"';
    else if (StringIndexOf(text, '`') < 0 && StringIndexOf(text, '${') < 0) q = '`';
  }
  let out = '';
  let from = 0;
  for (let i = 0; i < text.length; i++) {
    const c = StringCharCodeAt(text, i);
    let esc: string | null = null;
    if (c < 0x20 || c === 0x7f) esc = control(c);
    else if (c === 0x5c) esc = '\\\\';
    else if (c === StringCharCodeAt(q, 0)) esc = `\\${q}`;
    if (esc !== null) {
      out += StringSlice(text, from, i) + esc;
      from = i + 1;
    }
  }
  out = q + out + StringSlice(text, from) + q;
  return rest > 0 ? `${out}... ${rest} more character${rest > 1 ? 's' : ''}` : out;
}

const HEX = '0123456789ABCDEF';

function control(c: number): string {
  switch (c) {
    case 8:
      return '\\b';
    case 9:
      return '\\t';
    case 10:
      return '\\n';
    case 12:
      return '\\f';
    case 13:
      return '\\r';
    default:
      return `\\x${HEX[c >> 4]}${HEX[c & 15]}`;
  }
}
