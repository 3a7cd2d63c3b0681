import { isAxiosError } from 'axios'
import * as z from 'zod/mini'
import { isAuthError } from '../../auth'
import { accountExistsSchema } from '../../../contract/problem'
import { socialProviderSchema } from '../../../contract/providers'

/**
 * A provider sign-in whose email is an existing account's (`409 account_exists`): signing in to
 * that account with its password and this `linkToken` links the provider. The token is a
 * credential, so it lives only in memory and in the sign-in page's history state (parsed there
 * with this schema), never in storage or a URL.
 */
export const pendingLinkSchema = z.object({
  linkToken: z.string().check(z.minLength(1), z.maxLength(128)),
  provider: socialProviderSchema,
})

export type PendingLink = z.infer<typeof pendingLinkSchema>

/** The link a refused code exchange offers, or null when it was refused for anything else. */
export function pendingLinkOf(error: unknown): PendingLink | null {
  const cause = isAuthError(error) ? error.cause : error
  if (!isAxiosError(cause)) return null
  const problem = accountExistsSchema.safeParse(cause.response?.data).data
  return problem ? { linkToken: problem.linkToken, provider: problem.provider } : null
}
