import * as z from 'zod/mini'
import { socialProviderSchema } from './providers.ts'

/** An RFC 9457 problem body; `title` is safe to show a user, `detail` is for developers. */
export const problemSchema = z.object({
  type: z.optional(z.string()),
  title: z.string(),
  status: z.int(),
  code: z.string(),
  detail: z.optional(z.string()),
})

export type Problem = z.infer<typeof problemSchema>

/**
 * `409 account_exists` from a code exchange: the provider's email belongs to an existing account,
 * which signing in to with its password (and this `linkToken`) links the provider to.
 */
export const accountExistsSchema = z.object({
  ...problemSchema.shape,
  code: z.literal('account_exists'),
  linkToken: z.string().check(z.minLength(1), z.maxLength(128)),
  provider: socialProviderSchema,
  email: z.string(),
})

export type AccountExists = z.infer<typeof accountExistsSchema>

/** The `code`s a refresh answers with when the session is over: signing in again is the only way on. */
export const SESSION_ENDING_CODES = [
  'refresh_missing',
  'refresh_invalid',
  'refresh_expired',
  'refresh_reused',
  'session_revoked',
] as const

/**
 * Why a session was revoked, as `401 session_revoked` from a refresh may say in its `reason`
 * extension member (RFC 9457 §3.2; the contract is silent on it). Only a password change is
 * named: other revocations carry no reason, and a client must expect reasons it does not know.
 */
export const REVOCATION_REASONS = ['password_changed'] as const

export type RevocationReason = (typeof REVOCATION_REASONS)[number]

/** The `reason` member of a `session_revoked` problem; anything else in the body is ignored. */
export const revocationReasonSchema = z.object({
  code: z.literal('session_revoked'),
  reason: z.enum(REVOCATION_REASONS),
})

/** The `code`s a Bearer request is refused with (`WWW-Authenticate` says the same). */
export const ACCESS_TOKEN_CODES = ['token_missing', 'token_invalid', 'token_expired'] as const
