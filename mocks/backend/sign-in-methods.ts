import { db, type UserRecord } from './db.ts'

/**
 * How many ways the user has to sign in: a password, each passkey, each linked provider. Taking
 * away the last one would lock the account for good, so it is refused.
 */
export function signInMethodCount(user: UserRecord): number {
  let count = (user.password === null ? 0 : 1) + Object.keys(user.linked).length
  for (const passkey of db.passkeys.values()) if (passkey.userId === user.id) count++
  return count
}
