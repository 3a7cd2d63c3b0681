import * as z from 'zod/mini'
import { webAuthnJsonSchema } from './passkey-login.ts'

// Passkey sign-in has a module of its own: the auth core sends it without the rest of this one.
export { passkeyLoginSchema, webAuthnJsonSchema, type PasskeyLogin } from './passkey-login.ts'

/**
 * Contract v1.2's account side: step-up re-authentication, passkeys, password change and
 * explicit linking. The WebAuthn bodies are the Level 3 JSON forms; here they are only required
 * to be objects, since the WebAuthn libraries on both ends parse and verify them in full.
 */

/** How old a sign-in may be, in seconds, for a step-up endpoint to accept it. */
export const STEP_UP_MAX_AGE_SEC = 300

/** How long a passkey challenge is valid, in seconds; it is also single use. */
export const PASSKEY_CHALLENGE_TTL_SEC = 300

/** `amr` of an access token: how the user last proved who they are. */
export const authMethodSchema = z.enum(['pwd', 'social', 'passkey'])

export type AuthMethod = z.infer<typeof authMethodSchema>

/** `POST /api/auth/reauthenticate`: the password, or a passkey assertion. */
export const reauthenticationSchema = z.union([
  z.object({ password: z.string().check(z.minLength(1), z.maxLength(128)) }),
  z.object({ credential: webAuthnJsonSchema }),
])

export type Reauthentication = z.infer<typeof reauthenticationSchema>

/** `POST /api/me/password`. */
export const passwordChangeSchema = z.object({
  /** Required when the account has a password. */
  currentPassword: z.optional(z.string().check(z.minLength(1), z.maxLength(128))),
  /** Checked for strength by the server (`400 weak_password`), not here. */
  newPassword: z.string().check(z.minLength(1), z.maxLength(1024)),
})

export type PasswordChange = z.infer<typeof passwordChangeSchema>

/** The bounds of a new password; longer than 128 or containing the username is refused too. */
export const PASSWORD_MIN_LENGTH = 12
export const PASSWORD_MAX_LENGTH = 128

/** `POST /api/me/providers/:provider`: a provider's code, as for sign-in. */
export const providerLinkSchema = z.object({
  code: z.string().check(z.minLength(1), z.maxLength(512)),
  codeVerifier: z.optional(z.string().check(z.minLength(1), z.maxLength(512))),
  redirectUri: z.string().check(z.minLength(1), z.maxLength(2048)),
})

export type ProviderLink = z.infer<typeof providerLinkSchema>

/** A passkey as `GET /api/auth/passkeys` lists it. */
export const passkeySchema = z.object({
  id: z.string().check(z.minLength(1)),
  name: z.string(),
  createdAt: z.string(),
  /** Null until it is first used to sign in. */
  lastUsedAt: z.nullable(z.string()),
  /** Synced between devices (the authenticator's backup state), or on this device only. */
  backedUp: z.boolean(),
})

export type Passkey = z.infer<typeof passkeySchema>

export const passkeyListSchema = z.array(passkeySchema)

/** A passkey's name: 1 to 64 characters. */
export const passkeyNameSchema = z.string().check(z.minLength(1), z.maxLength(64))

/** `POST /api/auth/passkeys`: the registration response, and a name for it. */
export const passkeyRegistrationSchema = z.object({
  credential: webAuthnJsonSchema,
  name: z.optional(passkeyNameSchema),
})

/** `PATCH /api/auth/passkeys/:id`. */
export const passkeyRenameSchema = z.object({ name: passkeyNameSchema })

/** The problem codes of the account side. */
export const ACCOUNT_PROBLEM_CODES = [
  'reauthentication_required',
  'passkey_invalid',
  'weak_password',
  'provider_in_use',
  'last_sign_in_method',
] as const

/**
 * `WWW-Authenticate` of `401 reauthentication_required` (RFC 9470): the SPA tells it apart from
 * an expired token by this and by the code, and never refreshes for it.
 */
export const REAUTHENTICATION_CHALLENGE = `Bearer realm="reel", error="insufficient_user_authentication", max_age="${STEP_UP_MAX_AGE_SEC}"`
