import { useMutation } from '@tanstack/react-query'
import { apiClient } from '../../../lib/api-client'
import { accountKeys } from './keys'

/** Deletes a passkey (a step-up endpoint); the server refuses the last way in. */
export async function deletePasskey(id: string): Promise<void> {
  await apiClient.delete(`/auth/passkeys/${encodeURIComponent(id)}`)
}

export const useDeletePasskey = () =>
  useMutation({
    mutationKey: [...accountKeys.all, 'delete-passkey'],
    mutationFn: deletePasskey,
    onSettled: (_data, _error, _id, _result, { client }) =>
      client.invalidateQueries({ queryKey: accountKeys.all }),
  })
