import * as vscode from 'vscode';
import { randomBytes } from 'node:crypto';

/** The page's assets: the panel's only local resource root. */
function root(extensionUri: vscode.Uri): vscode.Uri {
  return vscode.Uri.joinPath(extensionUri, 'dist', 'webview');
}

export function predictWebviewOptions(extensionUri: vscode.Uri): vscode.WebviewOptions & vscode.WebviewPanelOptions {
  return { enableScripts: true, localResourceRoots: [root(extensionUri)], retainContextWhenHidden: false };
}

/** The "Predict the order" document, with the timeline's CSP: nothing inline, the script only by a fresh nonce. */
export function predictHtml(webview: vscode.Webview, extensionUri: vscode.Uri): string {
  const nonce = randomBytes(16).toString('base64');
  const script = webview.asWebviewUri(vscode.Uri.joinPath(root(extensionUri), 'predict.js'));
  const style = webview.asWebviewUri(vscode.Uri.joinPath(root(extensionUri), 'predict.css'));
  const csp = [
    "default-src 'none'",
    `style-src ${webview.cspSource}`,
    `script-src 'nonce-${nonce}'`,
    `font-src ${webview.cspSource}`,
  ].join('; ');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="stylesheet" href="${style.toString()}">
<title>Predict the order</title>
</head>
<body>
<main id="app"></main>
<script nonce="${nonce}" src="${script.toString()}"></script>
</body>
</html>`;
}
