import { Link } from 'react-router-dom'

export function NotFoundRoute() {
  return (
    <main className="auth-page">
      <section className="card auth-card">
        <h1>Page not found</h1>
        <p className="muted">There is nothing at this address.</p>
        <Link to="/movies" className="button primary">
          Go to Movies
        </Link>
      </section>
    </main>
  )
}
