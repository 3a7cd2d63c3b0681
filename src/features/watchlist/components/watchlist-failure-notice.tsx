import { useMutationState } from '@tanstack/react-query'
import { useState } from 'react'
import { useI18n } from '../../../i18n/i18n-provider'
import { movieSchema } from '../../../../contract/movies'
import { addToWatchlistKey } from '../api/add-to-watchlist'
import { watchlistKeys } from '../api/get-watchlist'

/**
 * Tells the user when their last watchlist change failed and was undone. It reads the mutation
 * cache rather than a button's state: on the watchlist page the button whose removal failed has
 * already unmounted by the time the server answers.
 */
export function WatchlistFailureNotice() {
  // Failures from before this page opened belong to another page.
  const { t } = useI18n()
  const [since] = useState(() => Date.now())
  const [dismissedAt, setDismissedAt] = useState(0)
  const changes = useMutationState({
    filters: { mutationKey: watchlistKeys.all },
    select: (mutation) => ({
      adding: mutation.options.mutationKey?.[1] === addToWatchlistKey[1],
      failed: mutation.state.status === 'error',
      movie: movieSchema.safeParse(mutation.state.variables).data,
      submittedAt: mutation.state.submittedAt,
    }),
  })
  const last = changes.reduce<(typeof changes)[number] | null>(
    (latest, change) => (latest && latest.submittedAt > change.submittedAt ? latest : change),
    null,
  )
  const shown =
    last?.failed && last.submittedAt >= since && last.submittedAt > dismissedAt ? last : null

  if (!shown?.movie) return null
  const { adding, movie, submittedAt } = shown
  return (
    <div role="alert" className="alert dismissible">
      <p>{adding ? t.watchlist.addFailed(movie.title) : t.watchlist.removeFailed(movie.title)}</p>
      <button type="button" className="button small" onClick={() => setDismissedAt(submittedAt)}>
        {t.errors.dismiss}
      </button>
    </div>
  )
}
