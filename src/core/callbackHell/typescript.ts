export { typescript, type TS } from '../syntax/typescript';
