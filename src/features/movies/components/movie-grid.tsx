import type { Movie } from '../../../../contract/movies'
import { MovieCard, type MovieCardAction } from './movie-card'
import '../movies.css'

interface MovieGridProps {
  movies: readonly Movie[]
  action?: MovieCardAction | undefined
  /** Older results shown while newer ones load: dimmed and marked busy. */
  stale?: boolean
  label: string
}

export function MovieGrid({ movies, action, stale = false, label }: MovieGridProps) {
  return (
    <ul className="movie-grid" aria-label={label} aria-busy={stale} data-stale={stale}>
      {movies.map((movie) => (
        <li key={movie.id}>
          <MovieCard movie={movie} action={action} />
        </li>
      ))}
    </ul>
  )
}

/** Cards of the real cards' size, so the page does not move when the results arrive. */
export function MovieGridSkeleton({ count, label }: { count: number; label: string }) {
  return (
    <div className="movie-grid-skeleton">
      <p role="status" className="visually-hidden">
        {label}
      </p>
      <ul className="movie-grid" aria-hidden="true">
        {Array.from({ length: count }, (_, index) => (
          <li key={index}>
            <div className="card movie-card skeleton-card">
              <span className="skeleton-line title" />
              <span className="skeleton-line short" />
              <span className="skeleton-line chips" />
              <span className="skeleton-line" />
              <span className="skeleton-line" />
              <span className="skeleton-line button" />
            </div>
          </li>
        ))}
      </ul>
    </div>
  )
}
