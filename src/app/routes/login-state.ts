import * as z from 'zod/mini'
import { SIGN_OUT_REASONS, type SignOutReason } from '../../auth'
import type { Messages } from '../../i18n/catalogues'

/**
 * What the sign-in page may be handed in history state: where to go afterwards, why the last
 * session ended, and whether a signed-in person came to sign in anew (`renew`) before their
 * session's end. History state can be anything a page once put there, so it is parsed.
 */
const loginStateSchema = z.object({
  from: z.string(),
  endedBecause: z.nullable(z.enum(SIGN_OUT_REASONS)),
  renew: z.optional(z.boolean()),
})

export type LoginState = z.infer<typeof loginStateSchema>

export const readLoginState = (state: unknown): LoginState | null =>
  loginStateSchema.safeParse(state).data ?? null

/** The state that opens the sign-in page for a new session, returning to `from` after. */
export const renewState = (from: string): LoginState => ({ from, endedBecause: null, renew: true })

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
