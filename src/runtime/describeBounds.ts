/**
 * The bounds of a description (what each one limits: `describe.ts`), in a file of their own so that the
 * walk, the text and the tree read the same numbers.
 */

export const DEPTH = 4;
export const NODES = 60;
export const SHOWN = 10;
export const KEYS = 20;
export const STRING_MAX = 120;
/** Longest text of the whole value, and of one node of the tree. */
export const TEXT_MAX = 400;
export const NODE_TEXT_MAX = 160;
