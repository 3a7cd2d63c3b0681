import type { QueryClient } from '@tanstack/react-query'
import type { Movie } from '../../../../contract/movies'
import { watchlistKeys } from './get-watchlist'

/**
 * The shared rules of both watchlist mutations. They run one at a time (one `scope`), so the
 * server sees clicks in the order they were made; each changes the cached list at once and, on
 * failure, undoes only its own change, so a rollback never erases another click's.
 */
export const watchlistMutationScope = { id: 'watchlist' }

/** Where a movie sat in the cached list before a change, or null when it was not there. */
export type ListPosition = { index: number } | null

export async function changeCachedList(
  client: QueryClient,
  movieId: string,
  update: (list: Movie[]) => Movie[],
): Promise<ListPosition> {
  // A refetch already under way would land after the change and overwrite it.
  await client.cancelQueries({ queryKey: watchlistKeys.list() })
  const list = client.getQueryData<Movie[]>(watchlistKeys.list())
  const index = list?.findIndex((movie) => movie.id === movieId) ?? -1
  // With nothing cached there is nothing to show early; the refetch afterwards fills it in.
  client.setQueryData<Movie[]>(watchlistKeys.list(), (current) => current && update(current))
  return index === -1 ? null : { index }
}

/** Puts a movie back where it was before a failed change, or takes it out if it was not there. */
export function restorePosition(client: QueryClient, movie: Movie, before: ListPosition): void {
  client.setQueryData<Movie[]>(watchlistKeys.list(), (current) => {
    if (!current) return current
    const without = current.filter((listed) => listed.id !== movie.id)
    if (before === null) return without
    return [...without.slice(0, before.index), movie, ...without.slice(before.index)]
  })
}

/** Refetches the truth once the last queued change has settled, not between changes. */
export async function syncWhenIdle(client: QueryClient): Promise<void> {
  if (client.isMutating({ mutationKey: watchlistKeys.all }) === 1) {
    await client.invalidateQueries({ queryKey: watchlistKeys.all })
  }
}
