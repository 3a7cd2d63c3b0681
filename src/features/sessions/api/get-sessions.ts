import { queryOptions, useQuery } from '@tanstack/react-query'
import { deviceSessionListSchema, type DeviceSession } from '../../../../contract/sessions'
import { apiClient } from '../../../lib/api-client'

export const sessionKeys = {
  all: ['sessions'] as const,
  list: () => [...sessionKeys.all, 'list'] as const,
}

export async function getSessions(signal: AbortSignal): Promise<DeviceSession[]> {
  const { data } = await apiClient.get<unknown>('/auth/sessions', { signal })
  return deviceSessionListSchema.parse(data)
}

export const sessionsQueryOptions = () =>
  queryOptions({
    queryKey: sessionKeys.list(),
    queryFn: ({ signal }) => getSessions(signal),
    // "Last active" moves whenever another device refreshes; an old list would mislead.
    staleTime: 0,
  })

export const useSessions = () => useQuery(sessionsQueryOptions())
