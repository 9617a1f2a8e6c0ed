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

/** Creates an SVG element with `attributes` and, when given, its `text`. */
export function svg(tag, attributes, text) {
  const element = document.createElementNS('http://www.w3.org/2000/svg', tag);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, String(value));
  if (text !== undefined) element.textContent = text;
  return element;
}

/**
 * `text` as part of an element id, distinct for distinct texts: a–z, 0–9 and
 * `_` stay, every other character becomes `-` and its code point in hex and
 * `-` (`home town` → `home-20-town`, `home-town` → `home-2d-town`).
 */
export const idPart = (text) =>
  [...text].map((c) => (/[a-z0-9_]/.test(c) ? c : `-${c.codePointAt(0).toString(16)}-`)).join('');

/** `object`'s own property `key`, or undefined: never one it inherits, such as `constructor`. */
export const own = (object, key) => (object != null && Object.hasOwn(object, key) ? object[key] : undefined);
