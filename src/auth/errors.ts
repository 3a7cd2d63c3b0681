import { isAxiosError } from 'axios'
import * as z from 'zod/mini'
import { SESSION_ENDING_CODES } from '../../contract/problem'
import { parseProblem, problemOf } from '../lib/problem'
import { parseRetryAfter } from './retry-after'

/**
 * Why an auth operation failed:
 * - `session_ended`: the server definitely refused the refresh token (`refresh_*`,
 *   `session_revoked`); the user must sign in again.
 * - `transient`: network error, timeout or 5xx; the session is kept and retried.
 * - `rejected`: any other answer the caller should show (bad credentials, throttling, …).
 * - `bad_response`: a success status whose body is not what the contract says; retried a few
 *   times, since a proxy or a deploy may be in the way, but never forever.
 */
type AuthErrorKind = 'session_ended' | 'transient' | 'rejected' | 'bad_response'

/** The codes that end a session, per the backend contract. */
const SESSION_ENDING: ReadonlySet<string> = new Set(SESSION_ENDING_CODES)

export class AuthError extends Error {
  override readonly name = 'AuthError'
  constructor(
    readonly kind: AuthErrorKind,
    /** The problem's `title` when the server sent one: safe to show a user. */
    message: string,
    readonly code: string | null = null,
    readonly status: number | null = null,
    readonly retryAfterSec: number | null = null,
    options?: ErrorOptions,
  ) {
    super(message, options)
  }
}

export const isAuthError = (error: unknown): error is AuthError => error instanceof AuthError

/** What every waiting caller gets once the session is gone: signing in again is the only way on. */
export const sessionEndedError = (): AuthError =>
  new AuthError('session_ended', 'You need to sign in again.', null, 401, null)

/** The `code` of a problem-details error response, if any. */
export function problemCode(error: unknown): string | null {
  return problemOf(error)?.code ?? null
}

/**
 * Classifies a failed call to an auth endpoint. Only an explicit refusal of the refresh token ends
 * the session; no answer at all, a timeout or a 5xx never does.
 */
export function toAuthError(error: unknown): AuthError {
  if (isAuthError(error)) return error
  if (error instanceof z.core.$ZodError) {
    return new AuthError('bad_response', 'The server answered wrongly.', null, null, null, {
      cause: error,
    })
  }
  if (!isAxiosError(error) || !error.response) {
    return new AuthError('transient', 'We could not reach the server.', null, null, null, {
      cause: error,
    })
  }
  const { status, data, headers } = error.response
  const retryAfterSec = parseRetryAfter(headers['retry-after'], Date.now())
  if (status >= 500) {
    return new AuthError(
      'transient',
      'We could not reach the server.',
      null,
      status,
      retryAfterSec,
      {
        cause: error,
      },
    )
  }
  const problem = parseProblem(data)
  const code = problem?.code ?? null
  const kind =
    status === 401 && code !== null && SESSION_ENDING.has(code) ? 'session_ended' : 'rejected'
  return new AuthError(
    kind,
    problem?.title ?? 'Something went wrong.',
    code,
    status,
    retryAfterSec,
    {
      cause: error,
    },
  )
}
