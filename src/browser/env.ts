// What the core needs from the platform, in one place: the clock and a random id.

/** A random v4 UUID: crypto.randomUUID, else getRandomValues (older Safari, http pages), else Math.random. */
export function newConsentId(crypto: Partial<Crypto> | undefined = globalThis.crypto): string {
  try {
    if (crypto?.randomUUID) return crypto.randomUUID();
  } catch {
    // randomUUID exists but refuses (insecure context in some engines): fall through
  }
  const bytes = new Uint8Array(16);
  if (crypto?.getRandomValues) crypto.getRandomValues(bytes);
  // Last resort only: the id is a record key, not a secret.
  else for (let i = 0; i < 16; i++) bytes[i] = Math.floor(Math.random() * 256);
  bytes[6] = (bytes[6] & 0x0f) | 0x40;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
