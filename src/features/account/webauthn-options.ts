import * as z from 'zod/mini'

/**
 * The WebAuthn options a server sends, checked for what the browser's ceremony needs first.
 * Other members (`excludeCredentials`, `authenticatorSelection`, …) pass through untouched: the
 * browser validates the options in full before it shows anything.
 */
export const creationOptionsSchema = z.looseObject({
  challenge: z.string().check(z.minLength(16)),
  rp: z.looseObject({ name: z.string() }),
  user: z.looseObject({ id: z.string(), name: z.string(), displayName: z.string() }),
  pubKeyCredParams: z.array(z.object({ alg: z.number(), type: z.literal('public-key') })),
})

export const requestOptionsSchema = z.looseObject({
  challenge: z.string().check(z.minLength(16)),
})
