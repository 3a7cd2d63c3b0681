import { PASSKEY_CHALLENGE_TTL_SEC } from '../../contract/account.ts'
import type { PasskeyChallengeRecord } from './db.ts'
import { ExpiringMap } from './expiring-map.ts'

/** Challenges waiting at once, at most: a flood of option requests evicts the oldest. */
const MAX_PASSKEY_CHALLENGES = 10_000

/** The server-side store of WebAuthn challenges: bounded, and each lives 5 minutes. */
export const waitingPasskeyChallenges = (now: () => number) =>
  new ExpiringMap<string, PasskeyChallengeRecord>({
    ttlMs: PASSKEY_CHALLENGE_TTL_SEC * 1000,
    capacity: MAX_PASSKEY_CHALLENGES,
    now,
  })
