import { useMovies } from '../../features/movies/api/get-movies'

export function MoviesRoute() {
  const movies = useMovies({ query: '', page: 1 })
  return (
    <>
      <h1>Movies</h1>
      {movies.isPending && <p className="muted">Loading movies…</p>}
      {movies.isError && <p role="alert">We could not load movies.</p>}
      {movies.isSuccess && (
        <ul className="movie-grid">
          {movies.data.items.map((movie) => (
            <li key={movie.id} className="card movie-card">
              <h2>{movie.title}</h2>
              <p className="muted">
                {movie.year} · {movie.genres.join(', ')} · ★ {movie.rating.toFixed(1)}
              </p>
            </li>
          ))}
        </ul>
      )}
    </>
  )
}
