import { useId, type ReactNode } from 'react'
import type { Movie } from '../api/movie-schema'

/** Renders a card's action; `titleId` lets it say which film it acts on without naming it. */
export type MovieCardAction = (movie: Movie, titleId: string) => ReactNode

interface MovieCardProps {
  movie: Movie
  action?: MovieCardAction | undefined
}

export function MovieCard({ movie, action }: MovieCardProps) {
  const titleId = useId()
  return (
    <article className="card movie-card" aria-labelledby={titleId}>
      <h2 id={titleId} className="movie-title">
        {movie.title}
      </h2>
      <p className="movie-meta">
        <span>{movie.year}</span>
        <span className="rating">
          <span aria-hidden="true">★ </span>
          {movie.rating.toFixed(1)}
          <span className="visually-hidden"> out of 10</span>
        </span>
      </p>
      <ul className="genres" aria-label="Genres">
        {movie.genres.map((genre) => (
          <li key={genre}>{genre}</li>
        ))}
      </ul>
      <p className="movie-overview">{movie.overview}</p>
      {action && <div className="movie-card-action">{action(movie, titleId)}</div>}
    </article>
  )
}
