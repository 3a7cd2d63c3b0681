import { http } from 'msw'
import {
  passkeyLoginSchema,
  passkeyRegistrationSchema,
  passkeyRenameSchema,
} from '../../../contract/account.ts'
import { clientAddressOf } from '../client-address.ts'
import { db, serverNow, type UserRecord } from '../db.ts'
import { json, noContent, parseJsonBody, REFRESH_COOKIE } from '../http-helpers.ts'
import {
  authenticationOptions,
  passkeysOf,
  registerPasskey,
  registrationOptions,
  toPasskeyDto,
  verifyPasskeyAssertion,
} from '../passkey-service.ts'
import { notFound, problem } from '../problem.ts'
import { createSession, tokenResponse } from '../session-service.ts'
import { signInMethodCount } from '../sign-in-methods.ts'
import { withAuth } from '../with-auth.ts'
import { withStepUp } from '../with-step-up.ts'

const PASSKEY_INVALID = 'That passkey could not be used.'

/** `passkey_invalid`: 400 where a signed-in user registers, 401 where someone signs in. */
const passkeyInvalid = (status: 400 | 401, detail: string) =>
  problem(status, 'passkey_invalid', PASSKEY_INVALID, { detail })

/**
 * Verifies a passkey assertion (for sign-in, or for `expectedUser`'s re-authentication), its
 * failures counted per client address as sign-ins are: the verdict, or the refusal to answer.
 */
export async function throttledAssertion(
  credential: unknown,
  request: Request,
  expectedUser: UserRecord | null = null,
) {
  const address = clientAddressOf(request)
  const now = serverNow()
  const retryAfter = db.passkeyLoginFailures.retryAfterSec(address, now)
  if (retryAfter > 0) {
    return problem(429, 'too_many_attempts', 'Too many sign-in attempts. Try again later.', {
      headers: { 'Retry-After': String(retryAfter) },
    })
  }
  const verdict = await verifyPasskeyAssertion(credential, request, expectedUser)
  if (verdict.ok) return verdict
  db.passkeyLoginFailures.record(address, now)
  return passkeyInvalid(401, verdict.detail)
}

/** The caller's passkey named by the path, or null when it is someone else's or unknown. */
function ownPasskey(userId: string, id: string) {
  const passkey = db.passkeys.get(id)
  return passkey?.userId === userId ? passkey : null
}

export const passkeyHandlers = [
  http.post(
    '/api/auth/passkeys/registration-options',
    withStepUp(async ({ request, auth }) => json(await registrationOptions(auth.user, request))),
  ),

  http.post(
    '/api/auth/passkeys',
    withStepUp(async ({ request, auth }) => {
      const parsed = await parseJsonBody(request, passkeyRegistrationSchema)
      if (!parsed.ok) return parsed.response
      const { credential, name } = parsed.data
      const verdict = await registerPasskey(auth.user, credential, name, request)
      if (!verdict.ok) return passkeyInvalid(400, verdict.detail)
      return json(toPasskeyDto(verdict.passkey), { status: 201 })
    }),
  ),

  http.get(
    '/api/auth/passkeys',
    withAuth(({ auth }) => json(passkeysOf(auth.user.id).map(toPasskeyDto))),
  ),

  http.patch<{ id: string }>(
    '/api/auth/passkeys/:id',
    withAuth(async ({ request, auth, params }) => {
      const passkey = ownPasskey(auth.user.id, params.id)
      if (!passkey) return notFound('No such passkey.')
      const parsed = await parseJsonBody(request, passkeyRenameSchema)
      if (!parsed.ok) return parsed.response
      passkey.name = parsed.data.name
      return json(toPasskeyDto(passkey))
    }),
  ),

  http.delete<{ id: string }>(
    '/api/auth/passkeys/:id',
    withStepUp(({ auth, params }) => {
      const passkey = ownPasskey(auth.user.id, params.id)
      if (!passkey) return notFound('No such passkey.')
      if (signInMethodCount(auth.user) <= 1) {
        return problem(409, 'last_sign_in_method', 'This is your only way to sign in.', {
          detail: 'Add a password, another passkey or a provider before removing it.',
        })
      }
      db.passkeys.delete(passkey.id)
      return noContent()
    }),
  ),

  http.post('/api/auth/passkey/options', async ({ request }) =>
    json(await authenticationOptions(request)),
  ),

  http.post('/api/auth/passkey/login', async ({ request, cookies }) => {
    const parsed = await parseJsonBody(request, passkeyLoginSchema)
    if (!parsed.ok) return parsed.response
    const verdict = await throttledAssertion(parsed.data.credential, request)
    if (verdict instanceof Response) return verdict
    const { session, refreshToken } = await createSession({
      user: verdict.user,
      provider: 'passkey',
      userAgent: request.headers.get('User-Agent') ?? '',
      remember: parsed.data.remember,
      refreshCookie: cookies[REFRESH_COOKIE],
    })
    return tokenResponse(verdict.user, session, refreshToken)
  }),
]
