// The box a blocked iframe's placeholder lives in, made at once by consent.js: it takes the
// embed's size, so the page does not jump when the placeholder (or the embed) arrives, and as a
// max-width, so that it never makes a narrow page scroll sideways. embed-placeholder.ts fills it.

export function placeholderSlot(frame: HTMLIFrameElement): { host: HTMLElement; root: ShadowRoot } {
  const host = frame.ownerDocument.createElement('div');
  host.setAttribute('data-consent-placeholder', '');
  const width = frame.getAttribute('width');
  const height = frame.getAttribute('height');
  host.style.width = '100%';
  if (width && /^\d+$/.test(width)) host.style.maxWidth = `${width}px`;
  if (height && /^\d+$/.test(height)) host.style.minHeight = `${height}px`;
  return { host, root: host.attachShadow({ mode: 'open' }) };
}
