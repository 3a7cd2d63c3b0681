import * as z from 'zod/mini'

/** The social providers of the contract, in the order a sign-in page shows them. */
export const SOCIAL_PROVIDERS = ['google', 'kakao', 'naver'] as const

export const socialProviderSchema = z.enum(SOCIAL_PROVIDERS)

export type SocialProvider = z.infer<typeof socialProviderSchema>

/** One entry of `GET /api/auth/providers`: a provider this backend offers, and where to send a person. */
export const providerConfigSchema = z.object({
  id: socialProviderSchema,
  name: z.string(),
  authorizeUrl: z.string(),
  clientId: z.string().check(z.minLength(1)),
  scope: z.string(),
  /** False where the provider has no PKCE (Naver): no verifier, no challenge. */
  pkce: z.boolean(),
})

export type ProviderConfig = z.infer<typeof providerConfigSchema>
