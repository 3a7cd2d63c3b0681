import { queryOptions, useQuery } from '@tanstack/react-query'
import { useState } from 'react'
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
 * The account as this tab last heard of it, without a request of its own: of the session's user
 * (from its last token) and the answer above (from the account page, or a link or an unlink),
 * whichever changed last. A link brings no token, so the session learns of it only at its next
 * refresh; a refresh may bring a change made in another tab, which the answer above never saw.
 */
export function useLatestAccount(sessionUser: User | null): User | null {
  const { data: answered = null } = useQuery({ ...meQueryOptions(), enabled: false })
  const [heard, setHeard] = useState({ sessionUser, answered, latest: answered ?? sessionUser })
  if (heard.sessionUser === sessionUser && heard.answered === answered) return heard.latest
  // Each source keeps its object while its content stays the same, so a new one is news.
  const latest = answered !== null && answered !== heard.answered ? answered : sessionUser
  setHeard({ sessionUser, answered, latest })
  return latest
}
