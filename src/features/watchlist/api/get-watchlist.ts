import { queryOptions, useQuery } from '@tanstack/react-query'
import { z } from 'zod'
import { apiClient } from '../../../lib/api-client'
import { movieSchema, type Movie } from '../../movies/api/movie-schema'

/** Every watchlist query and mutation key starts here, so one filter reaches them all. */
export const watchlistKeys = {
  all: ['watchlist'] as const,
  list: () => [...watchlistKeys.all, 'list'] as const,
}

export async function getWatchlist(signal: AbortSignal): Promise<Movie[]> {
  const { data } = await apiClient.get<unknown>('/me/watchlist', { signal })
  return z.array(movieSchema).parse(data)
}

export const watchlistQueryOptions = () =>
  queryOptions({
    queryKey: watchlistKeys.list(),
    queryFn: ({ signal }) => getWatchlist(signal),
  })

export const useWatchlist = () => useQuery(watchlistQueryOptions())
