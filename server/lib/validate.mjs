// The one validator for receipts: the JSON Schema in schema/ (draft 2020-12), compiled by ajv.
// Its first error becomes a message that names the field, e.g. "categories.analytics must be boolean".

import { readFileSync } from 'node:fs';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';

export const SCHEMA_URL = new URL('../../schema/consent-receipt.schema.json', import.meta.url);
export const receiptSchema = JSON.parse(readFileSync(SCHEMA_URL, 'utf8'));

const ajv = new Ajv2020({ allErrors: false, strict: true });
addFormats(ajv);
const check = ajv.compile(receiptSchema);

/** "/categories/ana~1lytics" → "categories.ana/lytics" (JSON Pointer unescaped, joined by dots). */
function fieldName(pointer) {
  return pointer
    .split('/')
    .slice(1)
    .map((part) => part.replaceAll('~1', '/').replaceAll('~0', '~'))
    .join('.');
}

function describe(error) {
  const at = fieldName(error.instancePath);
  const prefix = (name) => (at ? `${at}.${name}` : name);
  switch (error.keyword) {
    case 'required':
      return `${prefix(error.params.missingProperty)} is required`;
    case 'additionalProperties':
      return `${prefix(error.params.additionalProperty)} is not a known field`;
    case 'enum':
      return `${at} must be one of ${error.params.allowedValues.map((v) => JSON.stringify(v)).join(', ')}`;
    case 'const':
      return `${at} must be ${JSON.stringify(error.params.allowedValue)}`;
    case 'type':
      return at ? `${at} must be ${error.params.type.replace(',', ' or ')}` : `the receipt must be a JSON object`;
    case 'pattern':
      return `${at} must match ${error.params.pattern}`;
    case 'format':
      return `${at} must be a ${error.params.format}`;
    default:
      return `${at || 'the receipt'} ${error.message}`;
  }
}

/**
 * @param {unknown} value a parsed body
 * @returns {{ ok: true } | { ok: false, error: string }}
 */
export function validateReceipt(value) {
  if (check(value)) return { ok: true };
  return { ok: false, error: describe(check.errors[0]) };
}
