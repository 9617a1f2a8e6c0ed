// A table of any number of rows, rendered a page at a time. The filter and the
// column sort apply to every row; then only the page shown is built. Sortable
// headings are buttons; the pager under the table moves between pages, sets
// the page size and announces the rows shown.

import { h } from './dom.js';

export const PAGE_SIZES = [25, 50, 100, 250, 500];
const collator = new Intl.Collator(undefined, { numeric: true });

/** Orders two sort keys, with nulls (values that do not apply) last in either direction. */
function compare(a, b, descending) {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  const order = typeof a === 'number' ? a - b : collator.compare(a, b);
  return descending ? -order : order;
}

export class PagedTable {
  #table;
  #columns;
  #row;
  #search;
  #items = [];
  /** Each item's filter text, lower case; built on the first filter after `show`. */
  #texts = null;
  /** The items the filter lets through, in sort order. */
  #view = [];
  #sort = { column: -1, descending: false };
  #query = '';
  #page = 0;
  #size = 50;
  #pager;

  /**
   * Takes over `table` (its caption, head and body) and puts a pager after
   * it, or after the scrolling box around it.
   * @param {HTMLTableElement} table
   * @param {object} options
   * @param {string} options.caption names the table
   * @param {{ label: string, numeric?: boolean, key?: (item) => string | number | null,
   *   cell: (item) => unknown }[]} options.columns a column with a `key` sorts by it
   * @param {(item) => Record<string, unknown>} [options.row] attributes of an item's row
   * @param {HTMLInputElement} [options.filter] a text input that filters the rows
   * @param {(item) => (string | null | undefined)[]} [options.search] the texts the filter looks in
   */
  constructor(table, { caption, columns, row = () => ({}), filter, search = () => [] }) {
    this.#table = table;
    this.#columns = columns;
    this.#row = row;
    this.#search = search;
    table.classList.add('paged');
    // Names the table for assistive technology; the heading above shows it.
    table.createCaption().replaceChildren(caption);
    table.caption.className = 'visually-hidden';
    table.tHead.replaceChildren(h('tr', {}, columns.map((column, i) =>
      h('th', { scope: 'col', class: column.numeric ? 'num' : null },
        column.key
          ? h('button', { type: 'button', onclick: () => this.sortBy(i) }, column.label)
          : column.label))));
    filter?.addEventListener('input', () => {
      this.#query = filter.value.trim().toLowerCase();
      this.#page = 0;
      this.#update();
    });
    this.#pager = this.#buildPager(caption);
    (table.closest('.scroll') ?? table).after(this.#pager.element);
  }

  /** Shows `items`, in their order, from the first page; the filter and page size stay. */
  show(items) {
    this.#items = items;
    this.#texts = null;
    this.#sort = { column: -1, descending: false };
    this.#page = 0;
    this.#update();
  }

  /** Sorts and filters again and shows the same page, after the items' data changed. */
  refresh() {
    this.#update();
  }

  /** Sorts every row by a column; again on the same column reverses. Numbers start highest first. */
  sortBy(column) {
    const same = this.#sort.column === column;
    this.#sort = { column, descending: same ? !this.#sort.descending : Boolean(this.#columns[column].numeric) };
    this.#page = 0;
    this.#update();
  }

  /** Shows page `page` (from 0), clamped to the pages there are. */
  goTo(page) {
    this.#page = Math.max(0, Math.min(page, this.#pages() - 1));
    this.#render();
  }

  #pages() {
    return Math.max(1, Math.ceil(this.#view.length / this.#size));
  }

  /** Filters and sorts every item into the view, then renders the page. */
  #update() {
    let view = this.#items;
    if (this.#query) {
      this.#texts ??= this.#items.map((item) => this.#search(item).filter(Boolean).join('\n').toLowerCase());
      view = view.filter((_, i) => this.#texts[i].includes(this.#query));
    }
    const { column, descending } = this.#sort;
    if (column >= 0) {
      const key = this.#columns[column].key;
      view = view.map((item, i) => ({ key: key(item), i, item }))
        .sort((a, b) => compare(a.key, b.key, descending) || a.i - b.i)
        .map(({ item }) => item);
    }
    this.#view = view;
    [...this.#table.tHead.rows[0].cells].forEach((th, i) => {
      if (i === column) th.setAttribute('aria-sort', descending ? 'descending' : 'ascending');
      else th.removeAttribute('aria-sort');
    });
    this.goTo(this.#page);
  }

  /** Builds the rows of the current page only. */
  #render() {
    const start = this.#page * this.#size;
    const shown = this.#view.slice(start, start + this.#size);
    this.#table.tBodies[0].replaceChildren(...shown.map((item) =>
      h('tr', this.#row(item), this.#columns.map((c) => h('td', { class: c.numeric ? 'num' : null }, c.cell(item))))));
    const { first, previous, next, last, status } = this.#pager;
    const [atStart, atEnd] = [this.#page === 0, this.#page === this.#pages() - 1];
    // A button that gets disabled under the focus hands it to the nearest one that goes the other way.
    const handOver = [[first, next], [previous, next], [next, previous], [last, previous]]
      .find(([button]) => button === document.activeElement);
    first.disabled = previous.disabled = atStart;
    next.disabled = last.disabled = atEnd;
    if (handOver?.[0].disabled && !handOver[1].disabled) handOver[1].focus();
    const total = this.#view.length;
    const filtered = total === this.#items.length ? '' : ` (filtered from ${this.#items.length})`;
    status.textContent = total === 0
      ? (this.#items.length === 0 ? 'No rows.' : `No rows match the filter${filtered}.`)
      : `Rows ${start + 1}–${start + shown.length} of ${total}${filtered}, page ${this.#page + 1} of ${this.#pages()}.`;
  }

  #buildPager(caption) {
    const controls = this.#table.id || null;
    const button = (label, text, page) => h('button', {
      type: 'button', 'aria-label': label, 'aria-controls': controls, onclick: () => this.goTo(page()),
    }, text);
    const pager = {
      first: button('First page', '« First', () => 0),
      previous: button('Previous page', '‹ Previous', () => this.#page - 1),
      next: button('Next page', 'Next ›', () => this.#page + 1),
      last: button('Last page', 'Last »', () => this.#pages() - 1),
      status: h('p', { class: 'pager-status', role: 'status', 'aria-live': 'polite' }),
    };
    const size = h('select', {
      onchange: () => {
        // Keeps the first row shown on the page shown.
        const first = this.#page * this.#size;
        this.#size = Number(size.value);
        this.goTo(Math.floor(first / this.#size));
      },
    }, PAGE_SIZES.map((n) => h('option', { value: n, selected: n === this.#size }, n)));
    pager.element = h('div', {
      class: 'pager', id: controls && `${controls}-pager`, role: 'group', 'aria-label': `${caption}: pages`,
    },
      pager.first, pager.previous, pager.next, pager.last,
      h('label', {}, 'Rows per page ', size), pager.status);
    return pager;
  }
}
