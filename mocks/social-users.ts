import { randomToken } from './crypto.ts'
import { db, findUserByProviderId, findUserByVerifiedEmail, type UserRecord } from './db.ts'
import type { SocialProvider } from '../contract/providers.ts'
import type { ProviderAccount } from './oauth-provider-seed.ts'

/**
 * The Reel user for a provider account: the one already linked to it; else the one whose verified
 * email it shares, if the provider verified that email too (linking it); else a new user.
 */
export function resolveUser(provider: SocialProvider, account: ProviderAccount): UserRecord {
  const linked = findUserByProviderId(provider, account.subject)
  if (linked) return linked
  const byEmail = account.emailVerified ? findUserByVerifiedEmail(account.email) : null
  if (byEmail) {
    byEmail.linked[provider] = account.subject
    return byEmail
  }
  const user: UserRecord = {
    id: `u_${randomToken(9)}`,
    username: `${provider}-${account.subject}`,
    displayName: account.name,
    email: account.email,
    emailVerified: account.emailVerified,
    password: null,
    linked: { [provider]: account.subject },
  }
  db.users.set(user.id, user)
  return user
}
