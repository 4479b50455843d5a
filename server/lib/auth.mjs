// The admin token: as a Bearer header, or (for the /admin page in a browser) a session
// cookie the login form sets. The session is stateless: an expiry and an HMAC keyed with
// the admin token, so changing the token ends every session. Every comparison is constant-time.

import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { cookieValues } from './cookie.mjs';

export const SESSION_COOKIE = 'asmeronexa_admin';
export const SESSION_SECONDS = 8 * 3600;

const digest = (text) => createHash('sha256').update(String(text)).digest();

/** Constant-time: hashing first makes both sides the same length whatever was sent. */
export function sameSecret(given, expected) {
  if (typeof given !== 'string' || typeof expected !== 'string' || expected === '') return false;
  return timingSafeEqual(digest(given), digest(expected));
}

export function bearerToken(headers) {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(headers.authorization ?? '');
  return match ? match[1] : null;
}

const sign = (token, expires) => createHmac('sha256', token).update(`asmeronexa-admin-session|${expires}`).digest('base64url');

export function newSession(token, now = Date.now()) {
  const expires = Math.floor(now / 1000) + SESSION_SECONDS;
  return `${expires}.${sign(token, expires)}`;
}

export function validSession(headers, token, now = Date.now()) {
  if (!token) return false;
  for (const value of cookieValues(headers.cookie, SESSION_COOKIE)) {
    const match = /^(\d{1,12})\.([A-Za-z0-9_-]{43})$/.exec(value);
    if (!match || Number(match[1]) * 1000 <= now) continue;
    if (sameSecret(match[2], sign(token, Number(match[1])))) return true;
  }
  return false;
}

/** 'bearer' | 'session' | null */
export function authorize(headers, token) {
  if (!token) return null;
  const bearer = bearerToken(headers);
  if (bearer !== null) return sameSecret(bearer, token) ? 'bearer' : null;
  return validSession(headers, token) ? 'session' : null;
}
