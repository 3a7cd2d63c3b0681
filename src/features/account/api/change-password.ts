import { useMutation } from '@tanstack/react-query'
import { passwordChangeSchema, type PasswordChange } from '../../../../contract/account'
import { apiClient } from '../../../lib/api-client'
import { accountKeys } from './keys'

/**
 * Sets or changes the password; the server signs every other session out. A step-up endpoint:
 * the auth core asks the user to confirm it is them when the sign-in is old, then sends it again.
 */
export async function changePassword(change: PasswordChange): Promise<void> {
  await apiClient.post('/me/password', passwordChangeSchema.parse(change))
}

export const useChangePassword = () =>
  useMutation({
    mutationKey: [...accountKeys.all, 'password'],
    mutationFn: changePassword,
    // `hasPassword` may have just become true.
    onSuccess: (_data, _change, _result, { client }) =>
      client.invalidateQueries({ queryKey: accountKeys.me() }),
  })
