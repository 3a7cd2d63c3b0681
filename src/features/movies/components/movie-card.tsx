import { useId, type ReactNode } from 'react'
import { useI18n } from '../../../i18n/i18n-provider'
import type { Movie } from '../../../../contract/movies'

/** Renders a card's action; `titleId` lets it say which film it acts on without naming it. */
export type MovieCardAction = (movie: Movie, titleId: string) => ReactNode

interface MovieCardProps {
  movie: Movie
  action?: MovieCardAction | undefined
}

export function MovieCard({ movie, action }: MovieCardProps) {
  const titleId = useId()
  const { t, format } = useI18n()
  return (
    <article className="card movie-card" aria-labelledby={titleId}>
      <h2 id={titleId} className="movie-title">
        {movie.title}
      </h2>
      <p className="movie-meta">
        <span>{movie.year}</span>
        <span className="rating">
          <span aria-hidden="true">★ </span>
          {format.oneDecimal(movie.rating)}
          <span className="visually-hidden">{t.movies.outOf10}</span>
        </span>
      </p>
      <ul className="genres" aria-label={t.movies.genres}>
        {movie.genres.map((genre) => (
          <li key={genre}>{genre}</li>
        ))}
      </ul>
      <p className="movie-overview">{movie.overview}</p>
      {action && <div className="movie-card-action">{action(movie, titleId)}</div>}
    </article>
  )
}
