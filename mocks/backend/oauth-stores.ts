import type { ExchangedCodeRecord, LinkTokenRecord } from './db.ts'
import { ExpiringMap } from './expiring-map.ts'

/**
 * How long Reel's social sign-in records live, and the bounded stores that hold them: each
 * expires and is swept, and none holds more than `OAUTH_STORE_CAPACITY` (the oldest go first),
 * so a stranger who sends codes all day cannot grow the server's memory.
 */

/**
 * The longest any provider's code may live (RFC 6749 §4.1.2). Reel remembers a code this long
 * after it was brought there: presented again within it, the code still revokes the session it
 * became; later, every provider refuses it anyway.
 */
export const CODE_MEMORY_SEC = 10 * 60
/** Entries each store holds at most. */
export const OAUTH_STORE_CAPACITY = 10_000

const store = <V>(ttlSec: number) =>
  new ExpiringMap<string, V>({ ttlMs: ttlSec * 1000, capacity: OAUTH_STORE_CAPACITY })

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
