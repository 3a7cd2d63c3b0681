import type { QueryClient } from '@tanstack/react-query'
import { Link } from 'react-router-dom'
import { MovieGrid, MovieGridSkeleton } from '../../features/movies/components/movie-grid'
import { useWatchlist, watchlistQueryOptions } from '../../features/watchlist/api/get-watchlist'
import { WatchlistButton } from '../../features/watchlist/components/watchlist-button'
import { WatchlistFailureNotice } from '../../features/watchlist/components/watchlist-failure-notice'
import { useI18n } from '../../i18n/i18n-provider'
import { paths } from '../paths'
import { useDocumentTitle } from '../use-document-title'

export function prefetch(queryClient: QueryClient): void {
  void queryClient.prefetchQuery(watchlistQueryOptions())
}

export function WatchlistRoute() {
  useDocumentTitle((t) => t.watchlist.title)
  const { t } = useI18n()
  const watchlist = useWatchlist()

  let content
  if (watchlist.isPending) {
    content = <MovieGridSkeleton count={4} label={t.watchlist.loading} />
  } else if (watchlist.isError) {
    content = (
      <div role="alert" className="state-message">
        <p>{t.watchlist.loadFailed}</p>
        <button type="button" className="button" onClick={() => void watchlist.refetch()}>
          {t.errors.tryAgain}
        </button>
      </div>
    )
  } else if (watchlist.data.length === 0) {
    content = (
      <div className="state-message">
        <p className="state-title">{t.watchlist.empty}</p>
        <p className="muted">{t.watchlist.emptyHint}</p>
        <Link to={paths.movies} className="button primary">
          {t.watchlist.browse}
        </Link>
      </div>
    )
  } else {
    content = (
      <MovieGrid
        label={t.watchlist.label}
        movies={watchlist.data}
        action={(movie, titleId) => <WatchlistButton movie={movie} listed describedBy={titleId} />}
      />
    )
  }

  return (
    <>
      <div className="page-heading">
        <h1>{t.watchlist.title}</h1>
        {watchlist.isSuccess && watchlist.data.length > 0 && (
          <p className="muted">{t.watchlist.count(watchlist.data.length)}</p>
        )}
      </div>
      <WatchlistFailureNotice />
      {content}
    </>
  )
}
