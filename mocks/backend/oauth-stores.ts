import type { SocialProvider } from '../../contract/providers.ts'
import type {
  AuthorizationCodeRecord,
  AuthorizationRequestRecord,
  ExchangedCodeRecord,
  LinkTokenRecord,
  ProviderAccessTokenRecord,
} from './db.ts'
import { ExpiringMap } from './expiring-map.ts'

/**
 * How long the social sign-in records live, and the bounded stores that hold them: each
 * expires and is swept, and none holds more than `OAUTH_STORE_CAPACITY` (the oldest go first),
 * so a stranger who opens consent pages or sends codes all day cannot grow the server's memory.
 */

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
 * The longest any provider's code may live (RFC 6749 §4.1.2). A code is remembered this long
 * after it was issued or brought to Reel: presented again within it, the code still revokes
 * what it became; later, every provider refuses it anyway.
 */
export const CODE_MEMORY_SEC = 10 * 60
/** Entries each store holds at most. */
export const OAUTH_STORE_CAPACITY = 10_000

const store = <V>(ttlSec: number) =>
  new ExpiringMap<string, V>({ ttlMs: ttlSec * 1000, capacity: OAUTH_STORE_CAPACITY })

/** The mock providers' pending consent pages, by their random id. */
export const pendingAuthorizationRequests = () =>
  store<AuthorizationRequestRecord>(AUTHORIZATION_REQUEST_TTL_SEC)

/** The mock providers' codes, keyed by their SHA-256, used ones included (for replays). */
export const issuedAuthorizationCodes = () => store<AuthorizationCodeRecord>(CODE_MEMORY_SEC)

/** The mock providers' access tokens, keyed by their SHA-256, until the longest-lived expires. */
export const issuedProviderAccessTokens = () =>
  store<ProviderAccessTokenRecord>(Math.max(...Object.values(PROVIDER_ACCESS_TOKEN_TTL_SEC)))

/** Reel's own memory of the codes brought to it, keyed by their SHA-256. */
export const exchangedCodes = () => store<ExchangedCodeRecord>(CODE_MEMORY_SEC)

/** How long a person has to sign in to the existing account after a `409 account_exists`. */
export const LINK_TOKEN_TTL_SEC = 10 * 60
/**
 * At most this many link tokens wait at once: anyone can make one with a provider account that
 * claims a known email. The oldest give way first.
 */
export const MAX_LINK_TOKENS = 1000

/** Link tokens waiting for their account's sign-in, keyed by their SHA-256. */
export const waitingLinkTokens = (now: () => number) =>
  new ExpiringMap<string, LinkTokenRecord>({
    ttlMs: LINK_TOKEN_TTL_SEC * 1000,
    capacity: MAX_LINK_TOKENS,
    now,
  })
