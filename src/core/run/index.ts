/** Running a program under the tracer: the one entry point the CLI and the extension use. */
export { findNode, NodeNotFound, MIN_NODE, type NodeRuntime, type NodeChoice } from './node';
export { DEFAULT_LIMITS, MAX_TIMEOUT_MS, type RunLimits } from './limits';
export { untitledExtension } from './untitled';
export { runTrace, CannotTrace, type RunOptions } from './runTrace';
