import * as vscode from 'vscode';
import type { Trace } from '../../core/trace/model';
import { EXPORT_FORMATS, type ExportFormat } from '../../core/protocol';
import { formats } from '../../core/trace/format';
import { pageSources, readPageAssets, renderStandalonePage } from '../../core/trace/format/htmlPage';
import { readFromDisk } from '../../core/trace/sourceText';
import { joinPieces } from '../../core/trace/format/pieces';
import { writePieces } from '../../core/trace/format/writeFile';

const LABELS: Record<ExportFormat, { label: string; detail: string; extension: string; filter: string }> = {
  html: {
    label: 'HTML page',
    detail: 'the same timeline as a standalone page, no network needed',
    extension: '.html',
    filter: 'HTML',
  },
  json: { label: 'JSON trace', detail: 'the trace model (docs/trace-format.md)', extension: '.json', filter: 'JSON' },
  chrome: {
    label: 'Chrome trace',
    detail: 'opens in Perfetto and chrome://tracing',
    extension: '.json',
    filter: 'Chrome trace',
  },
};

export function isExportFormat(value: unknown): value is ExportFormat {
  return EXPORT_FORMATS.includes(value as ExportFormat);
}

/**
 * The file's text in a format, in pieces (a large trace is more text than one string holds): HTML from
 * the built page assets, the others from the CLI's formats table.
 */
export function exportPieces(trace: Trace, format: ExportFormat, extensionUri: vscode.Uri): Iterable<string> {
  if (format === 'html')
    return [
      renderStandalonePage(
        trace,
        readPageAssets(vscode.Uri.joinPath(extensionUri, 'dist').fsPath),
        pageSources(trace, openText),
      ),
    ];
  return formats[format].pieces(trace);
}

export async function pickFormat(): Promise<ExportFormat | undefined> {
  const pick = await vscode.window.showQuickPick(
    EXPORT_FORMATS.map((format) => ({ format, label: LABELS[format].label, detail: LABELS[format].detail })),
    { title: 'Export the trace as', placeHolder: 'Format' },
  );
  return pick?.format;
}

/** Writes the export where the user chooses (or `out`); returns the file written. */
export async function exportTrace(
  trace: Trace,
  format: ExportFormat,
  extensionUri: vscode.Uri,
  out?: vscode.Uri,
): Promise<vscode.Uri | undefined> {
  const info = LABELS[format];
  const base = trace.file.replace(/\.[cm]?[jt]sx?$/, '');
  const suffix = format === 'chrome' ? '.chrome' : format === 'json' ? '.trace' : '.timeline';
  const target =
    out ??
    (await vscode.window.showSaveDialog({
      defaultUri: vscode.Uri.file(`${base}${suffix}${info.extension}`),
      filters: { [info.filter]: [info.extension.slice(1)] },
      title: `Export trace as ${info.label}`,
    }));
  if (!target) return undefined;
  const pieces = exportPieces(trace, format, extensionUri);
  // A file on this machine is written a piece at a time; another file system takes the whole text.
  if (target.scheme === 'file') writePieces(target.fsPath, pieces);
  else await vscode.workspace.fs.writeFile(target, Buffer.from(joinPieces(pieces), 'utf8'));
  return target;
}

/** A file's text as the editor has it (unsaved edits included), else as on disk. */
function openText(file: string): string | undefined {
  const open = vscode.workspace.textDocuments.find((d) => d.uri.scheme === 'file' && d.uri.fsPath === file);
  return open ? open.getText() : readFromDisk(file);
}
