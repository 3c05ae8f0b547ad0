/** What a function passed to a call stands for: a level of a pyramid, or a callback that runs in place. */
import { typescript, type TS } from '../syntax/typescript';
import { dottedFirstName, dottedLastName } from '../syntax/nodes';

export type CallbackNode = TS.FunctionExpression | TS.ArrowFunction;

export const ARRAY_METHODS = new Set([
  'map',
  'forEach',
  'filter',
  'reduce',
  'reduceRight',
  'some',
  'every',
  'find',
  'findIndex',
  'findLast',
  'findLastIndex',
  'flatMap',
  'sort',
  'toSorted',
]);

export const TEST_BLOCKS = new Set([
  'describe',
  'it',
  'test',
  'context',
  'suite',
  'specify',
  'before',
  'after',
  'beforeEach',
  'afterEach',
  'beforeAll',
  'afterAll',
  'xdescribe',
  'xit',
  'fdescribe',
  'fit',
]);

export const PROMISE_METHODS = new Set(['then', 'catch', 'finally']);

export function isCallback(node: TS.Node): node is CallbackNode {
  const ts = typescript();
  return ts.isFunctionExpression(node) || ts.isArrowFunction(node);
}

export type CallbackRole = 'async' | 'array' | 'test' | 'promise' | 'other';

/** What a function passed to `call` stands for: an async callback counts as a level, the rest do not. */
export function roleOf(call: TS.CallExpression): CallbackRole {
  const name = dottedLastName(call.expression);
  const root = dottedFirstName(call.expression);
  const ts = typescript();
  if (name && ts.isPropertyAccessExpression(call.expression)) {
    if (PROMISE_METHODS.has(name)) return 'promise';
    if (ARRAY_METHODS.has(name)) return 'array';
  }
  if ((name && TEST_BLOCKS.has(name) && ts.isIdentifier(call.expression)) || (root && TEST_BLOCKS.has(root)))
    return 'test';
  return 'async';
}
