/**
 * V8 counts a file's byte-order mark as the first column of line 1 (Node's stack traces say so too);
 * editors do not show it. Locations on line 1 of a file that starts with one move back a column, so
 * a location points where the editor shows that code.
 */
import { mapTraceLocations } from '../trace/locations';
import type { SourceLocation, Trace } from '../trace/model';
import type { SourceReader } from './handlers';

export function toEditorColumns(trace: Trace, read: SourceReader): void {
  const marked = new Map<string, boolean>();
  // Records share location objects: each is moved once.
  const moved = new Set<SourceLocation>();
  mapTraceLocations(trace, (location) => {
    if (location.line !== 1 || location.column <= 1 || moved.has(location)) return location;
    let bom = marked.get(location.file);
    if (bom === undefined) {
      bom = read(location.file)?.charCodeAt(0) === 0xfeff;
      marked.set(location.file, bom);
    }
    if (!bom) return location;
    location.column -= 1;
    moved.add(location);
    return location;
  });
}
