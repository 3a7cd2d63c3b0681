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

/**
 * The account as this tab last heard of it, without a request of its own: the answer above once
 * the account page fetched it or a link or an unlink brought the server's new one, else the user
 * of the session's last token. Linking brings no new token, so only this cache learns of it.
 */
export function useLatestAccount(sessionUser: User | null): User | null {
  const { data } = useQuery({ ...meQueryOptions(), enabled: false })
  return data ?? sessionUser
}
