/**
 * The canvas cannot use CSS variables directly, so it reads the theme's colours from the page and reads
 * them again whenever VS Code switches theme (it rewrites the body's classes and the root's style).
 */
export interface Palette {
  background: string;
  foreground: string;
  muted: string;
  lines: string;
  grid: string;
  pending: string;
  fulfilled: string;
  rejected: string;
  job: string;
  jobAlt: string;
  waiting: string;
  cursor: string;
  selection: string;
  console: string;
  consoleError: string;
  font: string;
  highContrast: boolean;
}

function read(style: CSSStyleDeclaration, name: string, fallback: string): string {
  const value = style.getPropertyValue(name).trim();
  return value || fallback;
}

export function readPalette(): Palette {
  const style = getComputedStyle(document.documentElement);
  const v = (name: string, fallback: string) => read(style, `--vscode-${name}`, fallback);
  const foreground = v('editor-foreground', v('foreground', 'CanvasText'));
  const body = document.body.classList;
  return {
    background: v('editor-background', 'Canvas'),
    foreground,
    muted: v('descriptionForeground', foreground),
    lines: v('charts-lines', foreground),
    grid: v('editorIndentGuide-background1', v('charts-lines', foreground)),
    pending: v('charts-yellow', foreground),
    fulfilled: v('charts-green', foreground),
    rejected: v('charts-red', foreground),
    job: v('charts-blue', foreground),
    jobAlt: v('charts-purple', foreground),
    waiting: v('charts-orange', foreground),
    cursor: v('focusBorder', foreground),
    selection: v('editor-selectionBackground', v('focusBorder', foreground)),
    console: v('charts-foreground', foreground),
    consoleError: v('errorForeground', v('charts-red', foreground)),
    font: `${v('font-size', '12px')} ${v('font-family', 'sans-serif')}`,
    highContrast: body.contains('vscode-high-contrast') || body.contains('vscode-high-contrast-light'),
  };
}

/** Calls `onChange` after VS Code (or the OS, for the exported page) changes the theme. */
export function watchTheme(onChange: () => void): void {
  const observer = new MutationObserver(() => onChange());
  observer.observe(document.body, { attributes: true, attributeFilter: ['class', 'data-vscode-theme-id'] });
  observer.observe(document.documentElement, { attributes: true, attributeFilter: ['style', 'class'] });
  window.matchMedia('(prefers-color-scheme: dark)').addEventListener('change', onChange);
}

export function prefersReducedMotion(): boolean {
  return (
    window.matchMedia('(prefers-reduced-motion: reduce)').matches ||
    document.body.classList.contains('vscode-reduce-motion')
  );
}
