// Where a cookie may have been set, so that deleting it can try every place.
// A cookie is identified by (name, domain, host-only, path); `document.cookie` shows only
// the name, so a delete has to be written once per plausible domain and path.

/** Host-only (`undefined`) first, then every parent domain with at least two labels. */
export function domainCandidates(hostname: string): (string | undefined)[] {
  const host = hostname.replace(/\.$/, '').toLowerCase();
  if (isIpAddress(host) || !host.includes('.')) return [undefined];
  const labels = host.split('.');
  const candidates: (string | undefined)[] = [undefined];
  // Includes the host itself with a Domain attribute, which is a different cookie than the
  // host-only one. Public suffixes (co.uk) are rejected by the browser: deleting there is a no-op.
  for (let i = 0; i <= labels.length - 2; i++) candidates.push(labels.slice(i).join('.'));
  return candidates;
}

/** `/kurs/abc` → `/`, `/kurs`, `/kurs/`, `/kurs/abc`, plus extra paths; no duplicates. */
export function pathCandidates(pathname: string, extra: string[] = []): string[] {
  const paths = ['/'];
  const segments = pathname.split('/').filter(Boolean);
  let prefix = '';
  for (const segment of segments) {
    prefix += `/${segment}`;
    paths.push(prefix, `${prefix}/`);
  }
  for (const path of extra) paths.push(path);
  return [...new Set(paths)];
}

export function isIpAddress(host: string): boolean {
  return /^\d{1,3}(\.\d{1,3}){3}$/.test(host) || host.includes(':') || host.startsWith('[');
}
