import { base64url } from 'jose'

// WebCrypto only, so the same code runs in Node and in the service worker host.

const PBKDF2_ITERATIONS = 60_000

/** A fresh opaque secret: 256 random bits, base64url. */
export function randomToken(bytes = 32): string {
  return base64url.encode(crypto.getRandomValues(new Uint8Array(bytes)))
}

/** Refresh tokens are stored by this hash only, so a leaked database cannot be replayed. */
export async function sha256(value: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(value))
  return base64url.encode(new Uint8Array(digest))
}

export interface PasswordHash {
  salt: string
  hash: string
}

async function pbkdf2(password: string, salt: string): Promise<string> {
  const key = await crypto.subtle.importKey(
    'raw',
    new TextEncoder().encode(password),
    'PBKDF2',
    false,
    ['deriveBits'],
  )
  const bits = await crypto.subtle.deriveBits(
    {
      name: 'PBKDF2',
      hash: 'SHA-256',
      salt: new Uint8Array(base64url.decode(salt)),
      iterations: PBKDF2_ITERATIONS,
    },
    key,
    256,
  )
  return base64url.encode(new Uint8Array(bits))
}

/** Equal-time string comparison, so a wrong secret leaks nothing through timing. */
export function timingSafeEqual(a: string, b: string): boolean {
  let diff = a.length ^ b.length
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    diff |= (a.charCodeAt(i) || 0) ^ (b.charCodeAt(i) || 0)
  }
  return diff === 0
}

// Hashing against a dummy when the user is unknown keeps both failures equally slow.
const DUMMY: PasswordHash = { salt: 'AAAAAAAAAAAAAAAAAAAAAA', hash: '' }

/** Checks a password against a stored hash; `null` (unknown user) costs the same and fails. */
export async function verifyPassword(
  password: string,
  stored: PasswordHash | null,
): Promise<boolean> {
  const candidate = await pbkdf2(password, (stored ?? DUMMY).salt)
  return stored !== null && timingSafeEqual(candidate, stored.hash)
}
