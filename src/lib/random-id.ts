/** A random id of `bytes` bytes as lowercase hex, two digits a byte, from the platform's CSPRNG. */
export function randomHexId(bytes: number): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(bytes)), (byte) =>
    byte.toString(16).padStart(2, '0'),
  ).join('')
}
