import type { SocialProvider } from '../../contract/providers.ts'
import { ExpiringMap } from '../backend/expiring-map.ts'

/**
 * The mock providers' whole state, apart from Reel's: in memory, per host. Each record lives in a
 * bounded store that expires and sweeps its entries and holds at most `PROVIDER_STORE_CAPACITY`
 * (the oldest go first), so a stranger who opens consent pages or sends codes all day cannot grow
 * the server's memory.
 */

/** A sign-in request the mock provider has checked and shown its consent page for. */
export interface AuthorizationRequestRecord {
  provider: SocialProvider
  clientId: string
  redirectUri: string
  state: string
  /** The PKCE S256 challenge; null at a provider without PKCE (Naver). */
  codeChallenge: string | null
  expiresAt: number
}

/** An authorization code at a mock provider, stored by its hash like a refresh token. */
export interface AuthorizationCodeRecord {
  provider: SocialProvider
  clientId: string
  redirectUri: string
  codeChallenge: string | null
  /** The provider account (its `sub`) that consented. */
  subject: string
  expiresAt: number
  usedAt: number | null
}

/** An access token a mock provider issued for a code, good for its user-info endpoint only. */
export interface ProviderAccessTokenRecord {
  provider: SocialProvider
  clientId: string
  subject: string
  /** The hash of the code it was issued for: presenting that code again revokes it. */
  codeHash: string
  expiresAt: number
  revoked: boolean
}

/** How long a code may wait for its exchange (RFC 6749 §4.1.2 recommends at most 10 minutes). */
export const CODE_TTL_SEC = 60
/** How long the consent page may stay open before its answer is refused. */
export const AUTHORIZATION_REQUEST_TTL_SEC = 10 * 60
/** The providers' access token lifetimes, as their token responses state them. */
export const PROVIDER_ACCESS_TOKEN_TTL_SEC: Readonly<Record<SocialProvider, number>> = {
  google: 3599,
  kakao: 21599,
  naver: 3600,
}
/**
 * How long a provider remembers a code it issued, used or not, so that presenting it again still
 * revokes the access token it became: the longest a code may live (RFC 6749 §4.1.2).
 */
export const ISSUED_CODE_MEMORY_SEC = 10 * 60
/** Entries each store holds at most. */
export const PROVIDER_STORE_CAPACITY = 10_000

const store = <V>(ttlSec: number) =>
  new ExpiringMap<string, V>({ ttlMs: ttlSec * 1000, capacity: PROVIDER_STORE_CAPACITY })

function freshState() {
  return {
    /** Pending consent pages, by their random id. */
    authorizationRequests: store<AuthorizationRequestRecord>(AUTHORIZATION_REQUEST_TTL_SEC),
    /** Keyed by the SHA-256 of the code, used ones included (for replays); never the raw code. */
    authorizationCodes: store<AuthorizationCodeRecord>(ISSUED_CODE_MEMORY_SEC),
    /** Keyed by their SHA-256, until the longest-lived expires. */
    providerAccessTokens: store<ProviderAccessTokenRecord>(
      Math.max(...Object.values(PROVIDER_ACCESS_TOKEN_TTL_SEC)),
    ),
  }
}

export const providerState = freshState()

/** Every consent page, code and access token forgotten. */
export function resetProviderState(): void {
  Object.assign(providerState, freshState())
}

let clock = (): number => Date.now()

/** The providers' clock in milliseconds: the system's, unless a host shares another with them. */
export function providerNow(): number {
  return clock()
}

/**
 * Sharing a host with Reel's mock backend, the providers read its clock, so the lab's clock skew
 * moves every server of the host together, as codes expiring "at the server" expect.
 */
export function shareProviderClock(now: () => number): void {
  clock = now
}
