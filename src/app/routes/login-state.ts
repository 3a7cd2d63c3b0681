import * as z from 'zod/mini'
import { SIGN_OUT_REASONS, type SignOutReason } from '../../auth'
import { pendingLinkSchema } from '../../features/social-sign-in/account-link'
import { socialSignInFailureSchema } from '../../features/social-sign-in/failure-message'
import type { Messages } from '../../i18n/catalogues'

/**
 * Everything the sign-in page may be handed in history state: where to go afterwards (`from`),
 * why the last session ended, whether a signed-in person came to sign in anew (`renew`) before
 * their session's end, a social sign-in that did not finish, and a provider link waiting for the
 * account's owner to sign in. History state can be anything a page once put there, so it is
 * parsed, and a state that does not parse as a whole is ignored as a whole.
 */
const loginStateSchema = z.object({
  from: z.optional(z.string()),
  endedBecause: z.optional(z.nullable(z.enum(SIGN_OUT_REASONS))),
  renew: z.optional(z.boolean()),
  socialSignInFailure: z.optional(socialSignInFailureSchema),
  pendingLink: z.optional(pendingLinkSchema),
})

export type LoginState = z.infer<typeof loginStateSchema>

/** What the sign-in page was handed; an empty state when nothing (or nothing valid) was. */
export const readLoginState = (state: unknown): LoginState =>
  loginStateSchema.safeParse(state).data ?? {}

/** The news the sign-in page tells once: how the last session or social sign-in ended. */
type LoginNews = Pick<LoginState, 'endedBecause' | 'socialSignInFailure'>

/** The news in what the sign-in page was handed, or null when it carries none. */
export function readLoginNews(state: unknown): LoginNews | null {
  const { endedBecause, socialSignInFailure } = readLoginState(state)
  if (!endedBecause && !socialSignInFailure) return null
  return { endedBecause, socialSignInFailure }
}

/**
 * What the sign-in page was handed, less its news: where to go afterwards and a waiting link
 * still hold after a reload, the news does not.
 */
export function withoutLoginNews(state: unknown): LoginState {
  const { from, renew, pendingLink } = readLoginState(state)
  return { from, renew, pendingLink }
}

/**
 * The history state that opens the sign-in page, returning to `from` afterwards when that is
 * known, and saying why the person is there.
 *
 * @example
 * navigate(paths.login, { replace: true, state: loginState(returnTo, { pendingLink }) })
 */
export function loginState(from: string | null, why: Omit<LoginState, 'from'> = {}): LoginState {
  return from === null ? why : { from, ...why }
}

/** Each reason the server or another tab ended a session, and the message that explains it. */
const ENDED_MESSAGE = {
  expired: 'expired',
  revoked: 'revoked',
  password_changed: 'passwordChanged',
  reused: 'reused',
  'other-tab': 'otherTab',
  ended: 'ended',
  'bad-response': 'badResponse',
} as const satisfies Record<Exclude<SignOutReason, 'user'>, keyof Messages['sessionEnded']>

/** What the sign-in page says about how the last session ended; nothing after a plain sign-out. */
export function sessionEndedMessage(messages: Messages, reason: SignOutReason | null): string {
  return reason === null || reason === 'user' ? '' : messages.sessionEnded[ENDED_MESSAGE[reason]]
}

/**
 * The sign-in page's status line: why the last session ended, and, when the sign-out could not
 * reach the server, that it is done here and the server will hear of it later.
 */
export function statusNotice(
  messages: Messages,
  reason: SignOutReason | null,
  logoutPending: boolean,
): string {
  const ended = sessionEndedMessage(messages, reason)
  if (!logoutPending) return ended
  return [ended, messages.sessionEnded.logoutPending].filter(Boolean).join(' ')
}
