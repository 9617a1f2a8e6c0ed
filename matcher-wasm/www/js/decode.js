// A roster file's bytes as text, read the way the CLI reads them: the
// encoding from a byte-order mark (UTF-8, UTF-16LE, UTF-16BE), else UTF-16
// when every other byte of the start is zero, UTF-8 when the bytes are valid
// UTF-8, and Windows-1252 (legacy spreadsheet exports) otherwise. Workbooks
// are left as bytes, for the worker's workbook module.

import { isWorkbook } from '../pkg/worker/host.js';

/** The encoding of `bytes` and the length of its byte-order mark. */
function sniff(bytes) {
  const starts = (...mark) => mark.every((byte, i) => bytes[i] === byte);
  if (starts(0xef, 0xbb, 0xbf)) return ['utf-8', 3];
  if (starts(0xff, 0xfe)) return ['utf-16le', 2];
  if (starts(0xfe, 0xff)) return ['utf-16be', 2];
  const head = bytes.subarray(0, Math.min(bytes.length, 4096) & ~1);
  let even = 0;
  let odd = 0;
  head.forEach((byte, i) => {
    if (byte === 0) i % 2 ? odd++ : even++;
  });
  const pairs = head.length / 2;
  if (pairs > 0 && odd * 2 > pairs && even === 0) return ['utf-16le', 0];
  if (pairs > 0 && even * 2 > pairs && odd === 0) return ['utf-16be', 0];
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return ['utf-8', 0];
  } catch {
    return ['windows-1252', 0];
  }
}

/**
 * Decodes roster file `name`: `{ input, encoding }`, where `input` is its
 * text and `encoding` the name the CLI prints (`UTF-8`, `UTF-16LE`,
 * `UTF-16BE` or `windows-1252`); a workbook, recognised by its content, is
 * `{ bytes }`, for the worker to read (`MatcherWorker.readWorkbook`).
 * Throws an `Error` naming the file when its text breaks its own encoding.
 */
export function decodeRoster(name, bytes) {
  if (isWorkbook(bytes)) return { bytes };
  const [encoding, mark] = sniff(bytes);
  const label = encoding === 'windows-1252' ? encoding : encoding.toUpperCase();
  try {
    return { input: new TextDecoder(encoding, { fatal: true }).decode(bytes.subarray(mark)), encoding: label };
  } catch {
    throw new Error(`${name}: the file's text is not valid ${label}; save it again from the spreadsheet program as "CSV UTF-8"`);
  }
}
