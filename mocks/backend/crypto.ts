import { base64url } from 'jose'

// WebCrypto only, so the same code runs in Node and in the service worker host.

/** OWASP's figure for PBKDF2-HMAC-SHA256 (Password Storage Cheat Sheet). */
const OWASP_PBKDF2_ITERATIONS = 600_000

/**
 * The one way to lower the cost: `REEL_PASSWORD_HASH_ITERATIONS`, set by the test config so
 * hundreds of sign-ins stay fast. Every server (dev, preview, e2e) and the service worker, which
 * has no environment, use the full cost. A real server never has such a switch in production.
 */
function pbkdf2Iterations(): number {
  const setting =
    typeof process === 'undefined' ? undefined : process.env.REEL_PASSWORD_HASH_ITERATIONS
  if (setting === undefined) return OWASP_PBKDF2_ITERATIONS
  const iterations = Number(setting)
  if (!Number.isInteger(iterations) || iterations < 1) {
    throw new Error(`REEL_PASSWORD_HASH_ITERATIONS must be a positive integer, not "${setting}"`)
  }
  return iterations
}

const PBKDF2_ITERATIONS = pbkdf2Iterations()

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

/** A new salted hash of a password (the salt: 128 random bits). */
export async function hashPassword(password: string): Promise<PasswordHash> {
  const salt = randomToken(16)
  return { salt, hash: await pbkdf2(password, salt) }
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
  stored: Promise<PasswordHash> | null,
): Promise<boolean> {
  const known = await stored
  const candidate = await pbkdf2(password, (known ?? DUMMY).salt)
  return known !== null && timingSafeEqual(candidate, known.hash)
}
