// Which URLs from config may become a link or a script source: http(s), protocol-relative
// and relative ones. Browsers ignore tabs, newlines and leading control characters in a
// URL ("java\tscript:"), so they are stripped before the scheme is read.
export function isSafeUrl(url: string): boolean {
  // eslint-disable-next-line no-control-regex
  const cleaned = url.replace(/[\u0000-\u0020\u007f]/g, '');
  if (cleaned === '') return false;
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(cleaned);
  return !scheme || /^https?$/i.test(scheme[1]);
}
