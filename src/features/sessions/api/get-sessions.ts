import { queryOptions, useQuery } from '@tanstack/react-query'
import { z } from 'zod'
import { apiClient } from '../../../lib/api-client'

export const deviceSessionSchema = z.object({
  id: z.string(),
  createdAt: z.iso.datetime({ offset: true }),
  lastUsedAt: z.iso.datetime({ offset: true }),
  // The session's absolute end (contract v1.1); a v1 backend does not say.
  expiresAt: z.iso.datetime({ offset: true }).optional(),
  userAgent: z.string(),
  // Kept open: a provider added on the server later should show, not break the page.
  provider: z.string(),
  current: z.boolean(),
})

export type DeviceSession = z.infer<typeof deviceSessionSchema>

export const sessionKeys = {
  all: ['sessions'] as const,
  list: () => [...sessionKeys.all, 'list'] as const,
}

export async function getSessions(signal: AbortSignal): Promise<DeviceSession[]> {
  const { data } = await apiClient.get<unknown>('/auth/sessions', { signal })
  return z.array(deviceSessionSchema).parse(data)
}

export const sessionsQueryOptions = () =>
  queryOptions({
    queryKey: sessionKeys.list(),
    queryFn: ({ signal }) => getSessions(signal),
    // "Last active" moves whenever another device refreshes; an old list would mislead.
    staleTime: 0,
  })

export const useSessions = () => useQuery(sessionsQueryOptions())
