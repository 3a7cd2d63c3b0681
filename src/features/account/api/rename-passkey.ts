import { useMutation } from '@tanstack/react-query'
import { passkeyRenameSchema, passkeySchema, type Passkey } from '../../../../contract/account'
import { apiClient } from '../../../lib/api-client'
import { accountKeys } from './keys'

export async function renamePasskey({ id, name }: { id: string; name: string }): Promise<Passkey> {
  const { data } = await apiClient.patch<unknown>(
    `/auth/passkeys/${encodeURIComponent(id)}`,
    passkeyRenameSchema.parse({ name }),
  )
  return passkeySchema.parse(data)
}

export const useRenamePasskey = () =>
  useMutation({
    mutationKey: [...accountKeys.all, 'rename-passkey'],
    mutationFn: renamePasskey,
    onSettled: (_data, _error, _rename, _result, { client }) =>
      client.invalidateQueries({ queryKey: accountKeys.passkeys() }),
  })
