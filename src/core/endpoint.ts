// Receipts go to the page's own origin, unless `receipts.allowCrossOrigin` is true.

export function endpointAllowed(endpoint: string, pageUrl: string, allowCrossOrigin = false): boolean {
  try {
    const page = new URL(pageUrl);
    return allowCrossOrigin || new URL(endpoint, page).origin === page.origin;
  } catch {
    return false;
  }
}
