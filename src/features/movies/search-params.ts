import type { MovieSearch } from './api/get-movies'

/** The search a `/movies?query=…&page=…` address asks for; anything malformed reads as page 1. */
export function readMovieSearch(params: URLSearchParams): MovieSearch {
  const page = Number(params.get('page'))
  return {
    query: params.get('query') ?? '',
    page: Number.isSafeInteger(page) && page >= 1 ? page : 1,
  }
}

/** The address for a search; an empty query is left out rather than written as `query=`. */
export function toMovieSearchParams({ query, page }: MovieSearch): URLSearchParams {
  const params = new URLSearchParams()
  if (query !== '') params.set('query', query)
  params.set('page', String(page))
  return params
}

export function totalPages(total: number, pageSize: number): number {
  return Math.max(1, Math.ceil(total / Math.max(1, pageSize)))
}
