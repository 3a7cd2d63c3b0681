import { useMutation } from '@tanstack/react-query'
import { apiClient } from '../../../lib/api-client'
import type { Movie } from '../../../../contract/movies'
import { watchlistKeys } from './get-watchlist'
import {
  changeCachedList,
  restorePosition,
  syncWhenIdle,
  watchlistMutationScope,
} from './optimistic-list'

export async function addToWatchlist(movieId: string): Promise<void> {
  await apiClient.put(`/me/watchlist/${encodeURIComponent(movieId)}`)
}

export const addToWatchlistKey = [...watchlistKeys.all, 'add'] as const

/** Adds a movie, showing it in the watchlist at once and taking it back out if the server fails. */
export const useAddToWatchlist = () =>
  useMutation({
    mutationKey: addToWatchlistKey,
    scope: watchlistMutationScope,
    mutationFn: (movie: Movie) => addToWatchlist(movie.id),
    // The server puts a new entry first; so does the cache.
    onMutate: (movie, { client }) =>
      changeCachedList(client, movie.id, (list) =>
        list.some((listed) => listed.id === movie.id) ? list : [movie, ...list],
      ),
    onError: (_error, movie, before, { client }) => {
      if (before !== undefined) restorePosition(client, movie, before)
    },
    onSettled: (_data, _error, _movie, _before, { client }) => syncWhenIdle(client),
  })
