import { useI18n } from '../../../i18n/i18n-provider'
import type { Movie } from '../../../../contract/movies'
import { useAddToWatchlist } from '../api/add-to-watchlist'
import { useRemoveFromWatchlist } from '../api/remove-from-watchlist'
import '../watchlist.css'

interface WatchlistButtonProps {
  movie: Movie
  /** Whether the movie is listed; undefined while the watchlist is still loading. */
  listed: boolean | undefined
  /** The id of the element naming the movie, so the button's name can stay short. */
  describedBy: string
}

export function WatchlistButton({ movie, listed, describedBy }: WatchlistButtonProps) {
  const { t } = useI18n()
  const add = useAddToWatchlist()
  const remove = useRemoveFromWatchlist()
  return (
    <button
      type="button"
      className="button watchlist-toggle"
      data-listed={listed === true}
      aria-describedby={describedBy}
      disabled={listed === undefined}
      onClick={() => (listed ? remove.mutate(movie) : add.mutate(movie))}
    >
      <span aria-hidden="true">{listed ? '✓' : '+'}</span>
      {listed ? t.watchlist.remove : t.watchlist.add}
    </button>
  )
}
