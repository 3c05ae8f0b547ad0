/**
 * Every source location a trace holds, in one place: where promises were made, their handlers, the
 * jobs' callbacks, the console calls, where a stopped run was stuck, a syntax error and a stdin read. What moves locations after a run (source maps, a byte-order
 * mark, an untitled editor's file) goes through here, so no kind of location is left behind.
 */
import type { SourceLocation, Trace } from './model';

/** Replaces each location of the trace with what `map` returns for it (the same object to keep it). */
export function mapTraceLocations(trace: Trace, map: (location: SourceLocation) => SourceLocation): void {
  const each = (location: SourceLocation | null): SourceLocation | null => (location ? map(location) : location);
  for (const promise of trace.promises) {
    promise.location = each(promise.location);
    for (const reaction of promise.reactions) reaction.handler = each(reaction.handler);
  }
  for (const job of trace.jobs) job.location = each(job.location);
  for (const event of trace.events)
    if (event.type === 'console' && event.location) event.location = map(event.location);
  if (trace.exit.stuckAt) trace.exit.stuckAt = map(trace.exit.stuckAt);
  if (trace.exit.syntaxError) trace.exit.syntaxError = map(trace.exit.syntaxError);
  if (trace.stdinEof) trace.stdinEof.at = each(trace.stdinEof.at);
}
