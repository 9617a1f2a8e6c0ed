// CSV as the CLI writes and reads it: cells quoted only when needed, and
// formula-like text neutralised as the core does.

/** One CSV cell: quoted when needed, formula-like text neutralised as the core does. */
function csvCell(value) {
  let text = String(value ?? '');
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** CSV text of `rows` (arrays of cells), one line each, `\n` ended. */
export const csv = (rows) => rows.map((row) => `${row.map(csvCell).join(',')}\n`).join('');

/** Splits CSV text into records of cells (quoted cells may hold commas, quotes and line breaks). */
export function parseCsv(text) {
  const records = [];
  let record = [];
  let cell = '';
  let quoted = false;
  const body = text.replace(/^\uFEFF/, '');
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (quoted && c === '"' && body[i + 1] === '"') {
      cell += '"';
      i++;
    } else if (c === '"') {
      quoted = !quoted;
    } else if (quoted || (c !== ',' && c !== '\n' && c !== '\r')) {
      cell += c;
    } else if (c !== '\r') {
      record.push(cell);
      cell = '';
      if (c === '\n') records.push(record.splice(0));
    }
  }
  if (cell || record.length) records.push([...record, cell]);
  return records;
}
