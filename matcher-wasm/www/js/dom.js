// Tiny DOM helpers: build elements from data without ever parsing HTML, so
// roster text can never inject markup.

/** The element with this id. */
export const byId = (id) => document.getElementById(id);

/**
 * Creates an element. Attributes set to null, undefined or false are left out;
 * `on…` attributes add event listeners. Children are nodes or text.
 * @param {string} tag
 * @param {Record<string, unknown>} [attributes]
 * @param {...(Node | string | number | null | undefined | false)[]} children
 */
export function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value == null || value === false) continue;
    if (name.startsWith('on')) element.addEventListener(name.slice(2), value);
    else element.setAttribute(name, value === true ? '' : String(value));
  }
  const kids = children.flat().filter((child) => child != null && child !== false);
  element.append(...kids.map((child) => (child instanceof Node ? child : String(child))));
  return element;
}
