import { isAxiosError } from 'axios'
import {
  ACCESS_TOKEN_CODES,
  revocationReasonSchema,
  type RevocationReason,
} from '../../contract/problem'

/** The 401 codes that are about the access token itself: a refresh answers them. */
const ACCESS_TOKEN: ReadonlySet<string> = new Set(ACCESS_TOKEN_CODES)

/** RFC 9470's error: the token is fine, but the sign-in behind it is too old for this request. */
const INSUFFICIENT_USER_AUTHENTICATION = /\berror="insufficient_user_authentication"/

/**
 * What a refused request asks for: `token`, a fresh access token (one refresh); `step-up`, a
 * fresh sign-in (one re-authentication, never a refresh and never the end of the session); null,
 * nothing the session can give (a wrong password, a forbidden action, another status).
 */
export type Refusal = 'token' | 'step-up' | null

export function refusalOf(
  status: number | undefined,
  code: string | null | undefined,
  wwwAuthenticate: string | null | undefined,
): Refusal {
  if (status !== 401) return null
  if (
    code === 'reauthentication_required' ||
    INSUFFICIENT_USER_AUTHENTICATION.test(wwwAuthenticate ?? '')
  ) {
    return 'step-up'
  }
  return code && ACCESS_TOKEN.has(code) ? 'token' : null
}

/**
 * Why the server revoked the session, when its refusal of a refresh says so (the `reason` of a
 * `session_revoked` problem); null for any other error, or a reason this client does not know.
 */
export function revocationReasonOf(error: unknown): RevocationReason | null {
  const failed = isAxiosError(error) ? error : error instanceof Error ? error.cause : null
  if (!isAxiosError(failed)) return null
  return revocationReasonSchema.safeParse(failed.response?.data).data?.reason ?? null
}
