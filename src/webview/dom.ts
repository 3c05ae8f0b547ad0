/** Small DOM helpers. Text always goes in through `textContent`: values from traced programs stay inert. */
export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: { class?: string; text?: string; attrs?: Record<string, string> } = {},
  ...children: (Node | null)[]
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (props.class) node.className = props.class;
  if (props.text !== undefined) node.textContent = props.text;
  if (props.attrs) for (const [k, v] of Object.entries(props.attrs)) node.setAttribute(k, v);
  for (const child of children) if (child) node.appendChild(child);
  return node;
}

export function button(
  label: string,
  title: string,
  onClick: () => void,
  extra: Record<string, string> = {},
): HTMLButtonElement {
  const b = el('button', { text: label, attrs: { type: 'button', title, 'aria-label': title, ...extra } });
  b.addEventListener('click', onClick);
  return b;
}

export function clear(node: Element): void {
  while (node.firstChild) node.removeChild(node.firstChild);
}
