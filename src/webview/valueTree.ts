/**
 * A settled value as a tree to unfold (`ValuePreview.tree`): native `<details>`/`<summary>`, so every
 * branch is reached with Tab and opened with Enter or Space, and screen readers announce it as a
 * disclosure. Text goes in through `textContent` only. Which branches are open is kept by path in
 * `open`, so moving through the steps does not fold the tree back up.
 */
import type { ValueNode } from '../core/trace/model';
import { el } from './dom';

export function valueTree(root: ValueNode, open: Set<string>, id: string): HTMLElement {
  const list = el('ul', { class: 'value-tree', attrs: { role: 'group', 'aria-label': 'Value, unfolded' } });
  list.appendChild(branch(root, open, `${id}:`, true));
  return list;
}

function line(node: ValueNode, showText: boolean): HTMLElement {
  const span = el('span', { class: 'value-line' });
  if (node.key !== undefined) span.appendChild(el('span', { class: 'value-key', text: `${node.key}: ` }));
  const text = showText || !node.children ? node.text : openLabel(node);
  span.appendChild(el('span', { class: `value-text type-${node.type}`, text }));
  return span;
}

/** What an open branch reads as over its children: `Map(2)`, `Point`, `Error: boom`, `Array(3)`, `Object`. */
function openLabel(node: ValueNode): string {
  if (node.label) return node.label;
  const count = (node.children?.length ?? 0) + (node.more ?? 0);
  return node.type === 'array' ? `Array(${count})` : 'Object';
}

function branch(node: ValueNode, open: Set<string>, path: string, root = false): HTMLElement {
  const li = el('li');
  if (!node.children) {
    li.appendChild(line(node, true));
    return li;
  }
  const details = el('details');
  if (open.has(path) || (root && !open.has(`${path}closed`))) details.open = true;
  const summary = el('summary', {}, line(node, !details.open));
  details.appendChild(summary);
  const children = el('ul', { attrs: { role: 'group' } });
  node.children.forEach((child, i) => children.appendChild(branch(child, open, `${path}/${i}`)));
  if (node.more) children.appendChild(el('li', { class: 'muted', text: `… ${node.more} more` }));
  details.appendChild(children);
  details.addEventListener('toggle', () => {
    // Closed, a branch reads as its one line; open, as its label (`Map(2)`, `Point`) over its children.
    summary.replaceChildren(line(node, !details.open));
    if (root) {
      if (details.open) open.delete(`${path}closed`);
      else open.add(`${path}closed`);
    } else if (details.open) open.add(path);
    else open.delete(path);
  });
  li.appendChild(details);
  return li;
}
