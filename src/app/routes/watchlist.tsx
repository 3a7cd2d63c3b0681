import { Link } from 'react-router-dom'
import { MovieGrid, MovieGridSkeleton } from '../../features/movies/components/movie-grid'
import { useWatchlist } from '../../features/watchlist/api/get-watchlist'
import { WatchlistButton } from '../../features/watchlist/components/watchlist-button'
import { WatchlistFailureNotice } from '../../features/watchlist/components/watchlist-failure-notice'
import { useDocumentTitle } from '../use-document-title'

export function WatchlistRoute() {
  useDocumentTitle('Watchlist')
  const watchlist = useWatchlist()

  let content
  if (watchlist.isPending) {
    content = <MovieGridSkeleton count={4} label="Loading your watchlist…" />
  } else if (watchlist.isError) {
    content = (
      <div role="alert" className="state-message">
        <p>We could not load your watchlist.</p>
        <button type="button" className="button" onClick={() => void watchlist.refetch()}>
          Try again
        </button>
      </div>
    )
  } else if (watchlist.data.length === 0) {
    content = (
      <div className="state-message">
        <p className="state-title">Your watchlist is empty</p>
        <p className="muted">Add films you want to see from the movie list.</p>
        <Link to="/movies" className="button primary">
          Browse movies
        </Link>
      </div>
    )
  } else {
    content = (
      <MovieGrid
        label="Your watchlist"
        movies={watchlist.data}
        action={(movie, titleId) => <WatchlistButton movie={movie} listed describedBy={titleId} />}
      />
    )
  }

  return (
    <>
      <div className="page-heading">
        <h1>Watchlist</h1>
        {watchlist.isSuccess && watchlist.data.length > 0 && (
          <p className="muted">
            {watchlist.data.length === 1 ? '1 movie' : `${watchlist.data.length} movies`}
          </p>
        )}
      </div>
      <WatchlistFailureNotice />
      {content}
    </>
  )
}
