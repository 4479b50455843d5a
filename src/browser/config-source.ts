// The data-config file: same-origin, also after redirects (an open redirect must not lead elsewhere).

export async function fetchConfig(win: Window, url: URL): Promise<unknown> {
  const response = await win.fetch(url.href, { credentials: 'same-origin', mode: 'same-origin' });
  if (new URL(response.url || url.href).origin !== win.location.origin) throw new Error(`redirected to ${response.url}`);
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  return response.json();
}
