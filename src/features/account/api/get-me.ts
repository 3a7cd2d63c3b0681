import { queryOptions, useQuery } from '@tanstack/react-query'
import { userSchema, type User } from '../../../../contract/auth'
import { apiClient } from '../../../lib/api-client'
import { accountKeys } from './keys'

/** The account as the server sees it now: providers and `hasPassword` change on this page. */
export async function getMe(signal: AbortSignal): Promise<User> {
  const { data } = await apiClient.get<unknown>('/me', { signal })
  return userSchema.parse(data)
}

export const meQueryOptions = () =>
  queryOptions({ queryKey: accountKeys.me(), queryFn: ({ signal }) => getMe(signal) })

export const useMe = () => useQuery(meQueryOptions())
