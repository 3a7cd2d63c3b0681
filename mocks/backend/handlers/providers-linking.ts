import { http } from 'msw'
import { providerLinkSchema } from '../../../contract/account.ts'
import { findUserByProviderId } from '../db.ts'
import { json, parseJsonBody } from '../http-helpers.ts'
import { isSocialProvider } from '../../providers/seed.ts'
import { notFound, problem } from '../problem.ts'
import { toUserDto } from '../session-service.ts'
import { signInMethodCount } from '../sign-in-methods.ts'
import { withStepUp } from '../with-step-up.ts'
import { identityOfCode } from './social-sign-in.ts'

/** Linking a provider identity to the signed-in account, and unlinking it, both step-up. */
export const providerLinkingHandlers = [
  http.post<{ provider: string }>(
    '/api/me/providers/:provider',
    withStepUp(async ({ request, params, auth }) => {
      const { provider } = params
      if (!isSocialProvider(provider)) return notFound('There is no such sign-in provider.')
      const parsed = await parseJsonBody(request, providerLinkSchema)
      if (!parsed.ok) return parsed.response
      const exchanged = await identityOfCode(provider, parsed.data, new URL(request.url).origin)
      if (!exchanged.ok) return exchanged.response
      const { subject } = exchanged.identity
      const holder = findUserByProviderId(provider, subject)
      const current = auth.user.linked[provider]
      // One provider identity signs in one account, and an account has one identity per
      // provider: anything else would let either sign in to the other.
      if ((holder && holder !== auth.user) || (current !== undefined && current !== subject)) {
        return problem(409, 'provider_in_use', 'That account is linked to someone else.', {
          detail: holder
            ? 'This provider identity belongs to another Reel account.'
            : 'This account is linked to another identity at that provider.',
        })
      }
      auth.user.linked[provider] = subject
      return json(toUserDto(auth.user))
    }),
  ),

  http.delete<{ provider: string }>(
    '/api/me/providers/:provider',
    withStepUp(({ params, auth }) => {
      const { provider } = params
      if (!isSocialProvider(provider) || auth.user.linked[provider] === undefined) {
        return notFound('That provider is not linked to this account.')
      }
      if (signInMethodCount(auth.user) <= 1) {
        return problem(409, 'last_sign_in_method', 'This is your only way to sign in.', {
          detail: 'Set a password or add a passkey before unlinking it.',
        })
      }
      auth.user.linked = Object.fromEntries(
        Object.entries(auth.user.linked).filter(([name]) => name !== provider),
      )
      return json(toUserDto(auth.user))
    }),
  ),
]
