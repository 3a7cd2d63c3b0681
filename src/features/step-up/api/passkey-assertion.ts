import type { AuthenticationResponseJSON } from '@simplewebauthn/browser'
import * as z from 'zod/mini'
import { apiClient } from '../../../lib/api-client'

/** The request options of `POST /api/auth/passkey/options`, as far as this ceremony reads them. */
const requestOptionsSchema = z.object({
  challenge: z.string().check(z.minLength(1)),
  rpId: z.optional(z.string()),
  timeout: z.optional(z.number()),
  userVerification: z.optional(z.enum(['required', 'preferred', 'discouraged'])),
})

/**
 * Asks the browser for a passkey assertion with fresh options from the server: the proof a
 * step-up sends. The credential is discoverable, so no list of allowed credentials is given.
 * Rejects with the WebAuthn error (`NotAllowedError` when the person cancels). The WebAuthn
 * library loads with the first ceremony: the dialog is in every page's first load, a passkey
 * step-up is rare.
 */
export async function getPasskeyAssertion(): Promise<AuthenticationResponseJSON> {
  const [{ startAuthentication }, { data }] = await Promise.all([
    import('@simplewebauthn/browser'),
    apiClient.post<unknown>('/auth/passkey/options', {}, { skipAuth: true }),
  ])
  const { challenge, rpId, timeout, userVerification } = requestOptionsSchema.parse(data)
  return startAuthentication({
    optionsJSON: {
      challenge,
      ...(rpId === undefined ? {} : { rpId }),
      ...(timeout === undefined ? {} : { timeout }),
      ...(userVerification === undefined ? {} : { userVerification }),
    },
  })
}
