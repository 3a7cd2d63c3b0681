import { queryOptions, useQuery } from '@tanstack/react-query'
import { watchlistSchema, type Movie } from '../../../../contract/movies'
import { apiClient } from '../../../lib/api-client'

/** Every watchlist query and mutation key starts here, so one filter reaches them all. */
export const watchlistKeys = {
  all: ['watchlist'] as const,
  list: () => [...watchlistKeys.all, 'list'] as const,
}

export async function getWatchlist(signal: AbortSignal): Promise<Movie[]> {
  const { data } = await apiClient.get<unknown>('/me/watchlist', { signal })
  return watchlistSchema.parse(data)
}

export const watchlistQueryOptions = () =>
  queryOptions({
    queryKey: watchlistKeys.list(),
    queryFn: ({ signal }) => getWatchlist(signal),
  })

export const useWatchlist = () => useQuery(watchlistQueryOptions())
