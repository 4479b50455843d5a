// The export, one line at a time (the route streams it, nothing is buffered): NDJSON, one
// receipt per line as the API answers it, or CSV (RFC 4180) with one column per field.

import { toReceipt } from './migrations.mjs';

export const EXPORT_TYPES = { ndjson: 'application/x-ndjson; charset=utf-8', csv: 'text/csv; charset=utf-8' };

const CSV_COLUMNS = [
  'serverTime', 'eventId', 'consentId', 'clientTime', 'action', 'source', 'reason', 'revision', 'policyVersion',
  'configHash', 'widgetVersion', 'language', 'page', 'categories', 'services', 'gpc', 'minor', 'validUntil', 'noticeUrl', 'preselected',
];

function csvCell(value) {
  if (value === undefined || value === null) return '';
  let text = typeof value === 'object' ? JSON.stringify(value) : String(value);
  // A spreadsheet must not run a cell as a formula (CSV injection).
  if (/^[=+@\t\r]/.test(text) || (/^-/.test(text) && !/^-?[\d.]+$/.test(text) && !/^[A-Za-z0-9-]+$/.test(text))) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export async function* exportLines(records, format) {
  if (format === 'csv') yield `${CSV_COLUMNS.join(',')}\r\n`;
  let lines = [];
  for await (const record of records) {
    const receipt = toReceipt(record);
    if (format === 'csv') {
      const row = { ...receipt, gpc: receipt.signals?.gpc, minor: receipt.signals?.minor };
      lines.push(`${CSV_COLUMNS.map((column) => csvCell(row[column])).join(',')}\r\n`);
    } else {
      lines.push(`${JSON.stringify(receipt)}\n`);
    }
    if (lines.length >= 200) {
      yield lines.join('');
      lines = [];
    }
  }
  if (lines.length) yield lines.join('');
}
