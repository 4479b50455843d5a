// The consent cookie as the widget writes it (src/core/choice.ts, format 1):
//   1|<consent id>|<revision>|<time base 36>|<categories>|<services>|<FNV-1a checksum>
// The server only needs the consent id, and only from a value the widget wrote: anything
// else (another format, a checksum that does not match, characters a cookie may not carry)
// yields null, and then the server re-issues nothing.

const CONSENT_ID = /^[A-Za-z0-9-]{8,64}$/;
/** RFC 6265 cookie-value: cookie-octets, optionally in double quotes. Safe to echo in Set-Cookie. */
const COOKIE_VALUE = /^(?:"[\x21\x23-\x2B\x2D-\x3A\x3C-\x5B\x5D-\x7E]*"|[\x21\x23-\x2B\x2D-\x3A\x3C-\x5B\x5D-\x7E]*)$/;
/** RFC 7230 token: what a cookie name may be. */
export const COOKIE_NAME = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
const MAX_LENGTH = 4000;

function checksum(text) {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0).toString(36);
}

/** The consent id in a raw cookie value, or null when the widget did not write this value. */
export function consentIdFromCookie(raw) {
  if (typeof raw !== 'string' || raw.length > MAX_LENGTH || !COOKIE_VALUE.test(raw)) return null;
  let value = raw.startsWith('"') ? raw.slice(1, -1) : raw;
  // js-cookie reads %XX escapes; the widget writes none, another writer might.
  try {
    value = value.replace(/(%[\dA-F]{2})+/gi, decodeURIComponent);
  } catch {
    return null;
  }
  const fields = value.split('|');
  if (fields.length !== 7 || fields[0] !== '1') return null;
  if (fields[6] !== checksum(fields.slice(0, 6).join('|'))) return null;
  return CONSENT_ID.test(fields[1]) ? fields[1] : null;
}

/** Every raw value of the cookie `name` in a Cookie header, in the order sent, undecoded. */
export function cookieValues(header, name) {
  if (typeof header !== 'string') return [];
  const values = [];
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() === name) values.push(part.slice(eq + 1).trim());
  }
  return values;
}

/**
 * The Set-Cookie header that re-issues the consent cookie, or null: only when the request
 * carries a consent cookie the widget wrote for this very consent id. The value is echoed
 * byte for byte.
 */
export function reissueCookie({ cookieHeader, cookieName, consentId, days, secure }) {
  for (const raw of cookieValues(cookieHeader, cookieName)) {
    if (consentIdFromCookie(raw) === consentId) {
      return `${cookieName}=${raw}; Max-Age=${Math.round(days * 86400)}; Path=/; SameSite=Lax${secure ? '; Secure' : ''}`;
    }
  }
  return null;
}
