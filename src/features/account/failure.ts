import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '../../../contract/account'
import { problemOf } from '../../lib/problem'
import type { AccountAwareMessages } from './account-i18n'

/**
 * What to tell the user about a failed change on this page, by the server's `code` alone; a
 * network failure or anything unexpected gets the general advice. Never the server's words.
 */
export function accountFailureMessage(t: AccountAwareMessages, error: unknown): string {
  switch (problemOf(error)?.code) {
    case 'weak_password':
      return t.accountPage.weakPassword(PASSWORD_MIN_LENGTH, PASSWORD_MAX_LENGTH)
    case 'invalid_credentials':
      return t.accountPage.wrongCurrentPassword
    case 'last_sign_in_method':
      return t.accountPage.lastSignInMethod
    case 'passkey_invalid':
      return t.accountPage.passkeyInvalid
    default:
      // The browser's own refusal: the user closed the passkey prompt or it timed out.
      if (error instanceof Error && error.name === 'NotAllowedError')
        return t.accountPage.passkeyNotAdded
      return t.accountPage.actionFailed
  }
}
