import { randomToken } from './crypto.ts'
import { db, findUserByEmail, findUserByProviderId, type UserRecord } from './db.ts'
import type { ProviderIdentity } from './provider-client.ts'

/**
 * Whom a provider identity signs in: `linked`, the user it was linked to; `created`, a user new
 * to Reel made for it now; `email-taken`, nobody: its email belongs to an existing account, which
 * only that account's owner may link it to (a provider's word on an email is no proof of it).
 */
export type Resolution =
  { kind: 'linked' | 'created'; user: UserRecord } | { kind: 'email-taken'; owner: UserRecord }

export function resolveUser(identity: ProviderIdentity): Resolution {
  const { provider, subject } = identity
  const linked = findUserByProviderId(provider, subject)
  if (linked) return { kind: 'linked', user: linked }
  const owner = findUserByEmail(identity.email)
  if (owner) return { kind: 'email-taken', owner }
  const user: UserRecord = {
    id: `u_${randomToken(9)}`,
    username: `${provider}-${subject}`,
    displayName: identity.name,
    email: identity.email,
    // Verified only on the provider's attestation (never at Naver, which gives none).
    emailVerified: identity.emailVerified,
    password: null,
    linked: { [provider]: subject },
  }
  db.users.set(user.id, user)
  return { kind: 'created', user }
}
