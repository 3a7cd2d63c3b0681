import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query'
import { moviePageSchema, type MoviePage } from '../../../../contract/movies'
import { apiClient } from '../../../lib/api-client'

export interface MovieSearch {
  query: string
  page: number
}

export async function getMovies(
  { query, page }: MovieSearch,
  signal: AbortSignal,
): Promise<MoviePage> {
  const { data } = await apiClient.get<unknown>('/movies', { params: { query, page }, signal })
  return moviePageSchema.parse(data)
}

export const moviesQueryOptions = (search: MovieSearch) =>
  queryOptions({
    queryKey: ['movies', 'list', search],
    queryFn: ({ signal }) => getMovies(search, signal),
  })

/**
 * One page of search results. While the next page or query loads, the last results stay on screen
 * (marked as placeholder) rather than collapsing to a skeleton with every keystroke.
 */
export const useMovies = (search: MovieSearch) =>
  useQuery({ ...moviesQueryOptions(search), placeholderData: keepPreviousData })
