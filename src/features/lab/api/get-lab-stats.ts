import { queryOptions, useQuery } from '@tanstack/react-query'
import { labStatsSchema, type LabStats } from '../../../../contract/lab'
import { apiClient } from '../../../lib/api-client'
import { labKeys } from './get-lab-config'

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
