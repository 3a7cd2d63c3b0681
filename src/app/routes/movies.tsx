import type { QueryClient } from '@tanstack/react-query'
import { useCallback, useDeferredValue, useRef } from 'react'
import { Navigate, useSearchParams } from 'react-router-dom'
import { moviesQueryOptions, useMovies } from '../../features/movies/api/get-movies'
import { MovieGrid, MovieGridSkeleton } from '../../features/movies/components/movie-grid'
import { MovieSearchField } from '../../features/movies/components/movie-search-field'
import { Pagination } from '../../features/movies/components/pagination'
import {
  readMovieSearch,
  toMovieSearchParams,
  totalPages,
} from '../../features/movies/search-params'
import { useWatchlist, watchlistQueryOptions } from '../../features/watchlist/api/get-watchlist'
import { WatchlistButton } from '../../features/watchlist/components/watchlist-button'
import { WatchlistFailureNotice } from '../../features/watchlist/components/watchlist-failure-notice'
import { useI18n } from '../../i18n/i18n-provider'
import { useDocumentTitle } from '../use-document-title'

const PAGE_SIZE_GUESS = 12

export function prefetch(queryClient: QueryClient): void {
  const search = readMovieSearch(new URLSearchParams(window.location.search))
  void queryClient.prefetchQuery(moviesQueryOptions(search))
  void queryClient.prefetchQuery(watchlistQueryOptions())
}

export function MoviesRoute() {
  useDocumentTitle((t) => t.movies.title)
  const { t } = useI18n()
  const [params, setParams] = useSearchParams()
  const search = readMovieSearch(params)
  // An answer arrives as an urgent update, which React renders in one piece: a page of cards at
  // once is a long task on a slow phone. From a deferred value the cards render in the background,
  // in short slices, while what is on screen stays until they are ready. (The watchlist stays
  // urgent: a click on "Add" must show at once.)
  const movies = useDeferredValue(useMovies(search))
  const watchlist = useWatchlist()
  const headingRef = useRef<HTMLDivElement>(null)
  const listed = watchlist.data && new Set(watchlist.data.map((movie) => movie.id))

  // A new query starts at page 1; typing replaces the history entry rather than adding one per pause.
  const onSearch = useCallback(
    (query: string) => setParams(toMovieSearchParams({ query, page: 1 }), { replace: true }),
    [setParams],
  )
  const onPageChange = (page: number) => {
    setParams(toMovieSearchParams({ query: search.query, page }))
    // The buttons sit below the results: start the next page from its top. (jsdom lacks this.)
    headingRef.current?.scrollIntoView?.({ block: 'start' })
  }

  let results
  if (movies.isPending) {
    results = <MovieGridSkeleton count={PAGE_SIZE_GUESS} label={t.movies.loading} />
  } else if (movies.isError) {
    results = (
      <div role="alert" className="state-message">
        <p>{t.movies.loadFailed}</p>
        <button type="button" className="button" onClick={() => void movies.refetch()}>
          {t.errors.tryAgain}
        </button>
      </div>
    )
  } else {
    const { items, total, pageSize } = movies.data
    const pages = totalPages(total, pageSize)
    // An address past the last page (an old link, a shrunken result) goes to the last one.
    if (!movies.isPlaceholderData && total > 0 && search.page > pages) {
      return <Navigate to={`?${toMovieSearchParams({ ...search, page: pages })}`} replace />
    }
    results =
      total === 0 && !movies.isPlaceholderData ? (
        <div className="state-message">
          <p className="state-title">
            {search.query ? t.movies.noMatch(search.query) : t.movies.none}
          </p>
          <p className="muted">{t.movies.noMatchHint}</p>
        </div>
      ) : (
        <>
          <MovieGrid
            label={t.movies.results}
            movies={items}
            stale={movies.isPlaceholderData}
            action={(movie, titleId) => (
              <WatchlistButton movie={movie} listed={listed?.has(movie.id)} describedBy={titleId} />
            )}
          />
          {/* Until the new page arrives, the old total is all there is to go by. */}
          <Pagination
            page={Math.min(search.page, pages)}
            totalPages={pages}
            onPageChange={onPageChange}
          />
        </>
      )
  }

  return (
    <>
      <div className="page-heading" ref={headingRef}>
        <h1>{t.movies.title}</h1>
        <MovieSearchField query={search.query} onSearch={onSearch} />
      </div>
      {watchlist.isError && (
        <div role="alert" className="alert inline-alert">
          <p>{t.movies.watchlistLoadFailed}</p>
          <button type="button" className="button small" onClick={() => void watchlist.refetch()}>
            {t.errors.tryAgain}
          </button>
        </div>
      )}
      <WatchlistFailureNotice />
      {results}
    </>
  )
}
