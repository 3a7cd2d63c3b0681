import { queryOptions, useQuery } from '@tanstack/react-query'
import { labConfigSchema, type LabConfig } from '../../../../contract/lab'
import { apiClient } from '../../../lib/api-client'

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
