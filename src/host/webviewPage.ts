/**
 * The documents of the extension's webviews (the timeline, predict the order): nothing inline, the
 * script allowed only by a fresh nonce, styles and fonts only from the extension's built assets, which
 * are also each panel's only local resource root.
 */
import * as vscode from 'vscode';
import { randomBytes } from 'node:crypto';

/** Where the built pages live. */
export function webviewRoot(extensionUri: vscode.Uri): vscode.Uri {
  return vscode.Uri.joinPath(extensionUri, 'dist', 'webview');
}

export function webviewOptions(extensionUri: vscode.Uri): vscode.WebviewOptions & vscode.WebviewPanelOptions {
  return { enableScripts: true, localResourceRoots: [webviewRoot(extensionUri)], retainContextWhenHidden: false };
}

export interface PageSpec {
  /** The bundle's name in dist/webview: `<entry>.js` and `<entry>.css`. */
  entry: 'timeline' | 'predict';
  title: string;
  /** The element the page's script fills. */
  container: 'div' | 'main';
}

export function webviewHtml(webview: vscode.Webview, extensionUri: vscode.Uri, page: PageSpec): string {
  const nonce = randomBytes(16).toString('base64');
  const root = webviewRoot(extensionUri);
  const script = webview.asWebviewUri(vscode.Uri.joinPath(root, `${page.entry}.js`));
  const style = webview.asWebviewUri(vscode.Uri.joinPath(root, `${page.entry}.css`));
  const csp = [
    "default-src 'none'",
    `style-src ${webview.cspSource}`,
    `script-src 'nonce-${nonce}'`,
    `img-src ${webview.cspSource} data:`,
    `font-src ${webview.cspSource}`,
  ].join('; ');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="stylesheet" href="${style.toString()}">
<title>${page.title}</title>
</head>
<body>
<${page.container} id="app"></${page.container}>
<script nonce="${nonce}" src="${script.toString()}"></script>
</body>
</html>`;
}
