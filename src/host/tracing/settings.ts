import * as vscode from 'vscode';
import { DEFAULT_LIMITS, type RunLimits } from '../../core/run';

export interface TraceSettings extends RunLimits {
  nodePath: string;
}

/** The tracing settings for a file, each falling back to the engine's default. */
export function traceSettings(scope?: vscode.Uri): TraceSettings {
  const config = vscode.workspace.getConfiguration('promiseLens', scope);
  const positive = (key: string, fallback: number): number => {
    const value = config.get<number>(key);
    return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : fallback;
  };
  return {
    nodePath: config.get<string>('nodePath') ?? '',
    timeoutMs: positive('trace.timeout', DEFAULT_LIMITS.timeoutMs),
    maxEvents: positive('trace.maxEvents', DEFAULT_LIMITS.maxEvents),
    maxHeapMb: positive('trace.maxHeapMb', DEFAULT_LIMITS.maxHeapMb),
    maxOutputBytes: positive('trace.maxOutputBytes', DEFAULT_LIMITS.maxOutputBytes),
  };
}
