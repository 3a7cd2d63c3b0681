import { encode as base64url } from 'jose/base64url'

/**
 * PKCE (RFC 7636) and `state` for the authorization code flow. Everything comes from
 * `crypto.getRandomValues`; `Math.random` would be guessable.
 */

/** 64 random bytes: an 86-character verifier, inside RFC 7636's 43 to 128. */
const VERIFIER_BYTES = 64
/** 256 bits: as hard to guess as the code itself. */
const STATE_BYTES = 32

const randomString = (bytes: number) => base64url(crypto.getRandomValues(new Uint8Array(bytes)))

/** A fresh code verifier: base64url characters only, a subset of RFC 7636's unreserved set. */
export function createCodeVerifier(): string {
  return randomString(VERIFIER_BYTES)
}

/** The S256 challenge of a verifier: `BASE64URL(SHA-256(ASCII(verifier)))`. */
export async function codeChallengeS256(verifier: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier))
  return base64url(new Uint8Array(digest))
}

/** A fresh, unguessable `state` that ties the provider's answer to the attempt of this tab. */
export function createState(): string {
  return randomString(STATE_BYTES)
}
