export { typescript } from '../syntax/typescript';
