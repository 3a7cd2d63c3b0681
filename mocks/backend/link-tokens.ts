import { randomToken, sha256 } from './crypto.ts'
import { db, findUserByProviderId, type UserRecord } from './db.ts'
import type { ProviderIdentity } from './provider-client.ts'

/** A new opaque link token for `identity` and the account `owner` whose email it claims. */
export async function issueLinkToken(
  owner: UserRecord,
  identity: ProviderIdentity,
): Promise<string> {
  const token = randomToken()
  const hash = await sha256(token)
  db.linkTokens.set(hash, {
    userId: owner.id,
    provider: identity.provider,
    subject: identity.subject,
  })
  return token
}

/**
 * Spends a link token for `user`, who has just proved who they are, and links its provider
 * identity to them. False, and nothing spent or linked, for a token that is unknown, used or
 * expired, names another account, or whose identity is now someone else's (or the user already
 * has another account at that provider).
 */
export async function linkWithToken(raw: string, user: UserRecord): Promise<boolean> {
  const hash = await sha256(raw)
  // From here on nothing awaits: two sign-ins with one token cannot both spend it.
  const record = db.linkTokens.get(hash)
  if (!record || record.userId !== user.id) return false
  const holder = findUserByProviderId(record.provider, record.subject)
  const current = user.linked[record.provider]
  if ((holder && holder !== user) || (current !== undefined && current !== record.subject)) {
    return false
  }
  db.linkTokens.delete(hash)
  user.linked[record.provider] = record.subject
  return true
}
