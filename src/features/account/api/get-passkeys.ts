import { queryOptions, useQuery } from '@tanstack/react-query'
import { passkeyListSchema, type Passkey } from '../../../../contract/account'
import { apiClient } from '../../../lib/api-client'
import { accountKeys } from './keys'

/** The user's passkeys, newest first as the server sends them. */
export async function getPasskeys(signal: AbortSignal): Promise<Passkey[]> {
  const { data } = await apiClient.get<unknown>('/auth/passkeys', { signal })
  return passkeyListSchema.parse(data)
}

export const passkeysQueryOptions = () =>
  queryOptions({ queryKey: accountKeys.passkeys(), queryFn: ({ signal }) => getPasskeys(signal) })

export const usePasskeys = () => useQuery(passkeysQueryOptions())
