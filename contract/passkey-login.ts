import * as z from 'zod/mini'

/** A WebAuthn JSON body (`RegistrationResponseJSON`, `AuthenticationResponseJSON`). */
export const webAuthnJsonSchema = z.record(z.string(), z.unknown())

/** `POST /api/auth/passkey/login`. */
export const passkeyLoginSchema = z.object({
  credential: webAuthnJsonSchema,
  remember: z._default(z.boolean(), true),
})

export type PasskeyLogin = z.input<typeof passkeyLoginSchema>
