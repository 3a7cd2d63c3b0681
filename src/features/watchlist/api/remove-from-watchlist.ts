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

export async function removeFromWatchlist(movieId: string): Promise<void> {
  await apiClient.delete(`/me/watchlist/${encodeURIComponent(movieId)}`)
}

export const removeFromWatchlistKey = [...watchlistKeys.all, 'remove'] as const

/** Removes a movie at once, putting it back in its place if the server fails. */
export const useRemoveFromWatchlist = () =>
  useMutation({
    mutationKey: removeFromWatchlistKey,
    scope: watchlistMutationScope,
    mutationFn: (movie: Movie) => removeFromWatchlist(movie.id),
    onMutate: (movie, { client }) =>
      changeCachedList(client, movie.id, (list) => list.filter((listed) => listed.id !== movie.id)),
    onError: (_error, movie, before, { client }) => {
      if (before !== undefined) restorePosition(client, movie, before)
    },
    onSettled: (_data, _error, _movie, _before, { client }) => syncWhenIdle(client),
  })
