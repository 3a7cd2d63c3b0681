import { queryOptions, useQuery } from '@tanstack/react-query'
import { z } from 'zod'
import { apiClient } from '../../../lib/api-client'
import { labKeys } from './get-lab-config'

export const labStatsSchema = z.object({
  loginCalls: z.number(),
  refreshCalls: z.number(),
  refreshSucceeded: z.number(),
  reuseDetections: z.number(),
  rejectedAccessTokens: z.number(),
  activeSessions: z.number(),
})

export type LabStats = z.infer<typeof labStatsSchema>

/** The server's counters since the last reset, for the experiments' before-and-after. */
export async function getLabStats(signal?: AbortSignal): Promise<LabStats> {
  const { data } = await apiClient.get<unknown>('/__lab/stats', {
    skipAuth: true,
    ...(signal && { signal }),
  })
  return labStatsSchema.parse(data)
}

export const labStatsQueryOptions = () =>
  queryOptions({
    queryKey: labKeys.stats(),
    queryFn: ({ signal }) => getLabStats(signal),
    // Live counters, once a second, but only while someone can see them: a hidden tab stops.
    refetchInterval: 1000,
    refetchIntervalInBackground: false,
    staleTime: 0,
  })

export const useLabStats = () => useQuery(labStatsQueryOptions())
