import { useMutation } from '@tanstack/react-query'
import { userSchema, type User } from '../../../../contract/auth'
import { apiClient } from '../../../lib/api-client'
import { accountKeys } from './keys'

/**
 * Unlinks a provider; the server refuses the account's last way in (`409 last_sign_in_method`).
 * A step-up endpoint, like every change to how the user signs in.
 */
export async function unlinkProvider(provider: string): Promise<User> {
  const { data } = await apiClient.delete<unknown>(`/me/providers/${encodeURIComponent(provider)}`)
  return userSchema.parse(data)
}

export const useUnlinkProvider = () =>
  useMutation({
    mutationKey: [...accountKeys.all, 'unlink'],
    mutationFn: unlinkProvider,
    onSuccess: (user, _provider, _result, { client }) =>
      client.setQueryData(accountKeys.me(), user),
  })
