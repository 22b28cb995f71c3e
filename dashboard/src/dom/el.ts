/** Attributes of {@link el}: strings become attributes, `on*` functions listeners, `false`/`null` are left out. */
export type Attrs = Record<string, string | number | boolean | null | undefined | ((event: Event) => void)>;

export type Child = Node | string | number | null | undefined | false;

/**
 * Creates an element with its attributes and children: the dashboard's whole DOM vocabulary.
 * `{ onclick: fn }` adds a listener, `{ hidden: true }` a boolean attribute, text children are
 * text nodes (never parsed as HTML).
 */
export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Attrs = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    if (typeof value === 'function') node.addEventListener(name.replace(/^on/, ''), value);
    else node.setAttribute(name, value === true ? '' : String(value));
  }
  append(node, children);
  return node;
}

/** Appends children, skipping empty ones. */
export function append(parent: Node, children: readonly Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    parent.appendChild(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/** Replaces every child of `parent`. */
export function replaceChildren(parent: Element, ...children: Child[]): void {
  parent.replaceChildren();
  append(parent, children);
}
