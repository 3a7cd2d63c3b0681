import { z } from 'zod'

/** The social providers Reel offers, in the order the sign-in page shows them. */
export const SOCIAL_PROVIDERS = ['google', 'kakao', 'naver'] as const

export const socialProviderSchema = z.enum(SOCIAL_PROVIDERS)

export type SocialProvider = z.infer<typeof socialProviderSchema>
