import { useMutation } from '@tanstack/react-query'
import type { ProviderLink } from '../../../../contract/account'
import { userSchema, type User } from '../../../../contract/auth'
import type { SocialProvider } from '../../../../contract/providers'
import { apiClient } from '../../../lib/api-client'
import { accountKeys } from './keys'

/**
 * Links the provider identity behind an authorization code to the signed-in account. A step-up
 * endpoint: the server checks the sign-in's age before it redeems the code, so a refused request
 * leaves the code unspent for the one replay after the user confirms it is them.
 */
export async function linkProvider(provider: SocialProvider, grant: ProviderLink): Promise<User> {
  const { data } = await apiClient.post<unknown>(
    `/me/providers/${encodeURIComponent(provider)}`,
    grant,
  )
  return userSchema.parse(data)
}

export const useLinkProvider = () =>
  useMutation({
    mutationKey: [...accountKeys.all, 'link'],
    mutationFn: ({ provider, grant }: { provider: SocialProvider; grant: ProviderLink }) =>
      linkProvider(provider, grant),
    onSuccess: (user, _variables, _result, { client }) =>
      client.setQueryData(accountKeys.me(), user),
  })
