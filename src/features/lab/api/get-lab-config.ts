import { queryOptions, useQuery } from '@tanstack/react-query'
import { z } from 'zod'
import { apiClient } from '../../../lib/api-client'

export const refreshFailures = ['none', 'unauthorized', 'server_error', 'network'] as const
export const signingAlgs = ['ES256', 'HS256'] as const

export const labConfigSchema = z.object({
  accessTokenTtlSec: z.number(),
  refreshTokenTtlSec: z.number(),
  refreshIdleTtlSec: z.number(),
  refreshReuseGraceSec: z.number(),
  latencyMs: z.number(),
  refreshLatencyMs: z.number(),
  refreshFailure: z.enum(refreshFailures),
  serverClockSkewSec: z.number(),
  signingAlg: z.enum(signingAlgs),
})

export type LabConfig = z.infer<typeof labConfigSchema>

export const labKeys = {
  all: ['lab'] as const,
  config: () => [...labKeys.all, 'config'] as const,
  stats: () => [...labKeys.all, 'stats'] as const,
}

// The lab endpoints carry no token: `skipAuth` keeps them out of refreshes and replays.
export async function getLabConfig(signal?: AbortSignal): Promise<LabConfig> {
  const { data } = await apiClient.get<unknown>('/__lab/config', {
    skipAuth: true,
    ...(signal && { signal }),
  })
  return labConfigSchema.parse(data)
}

export const labConfigQueryOptions = () =>
  queryOptions({
    queryKey: labKeys.config(),
    queryFn: ({ signal }) => getLabConfig(signal),
    // Another tab (or a test) may bend the backend too: show what the server has now.
    staleTime: 0,
  })

export const useLabConfig = () => useQuery(labConfigQueryOptions())
