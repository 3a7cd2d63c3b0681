import { Link } from 'react-router-dom'
import { useDocumentTitle } from '../use-document-title'

export function NotFoundRoute() {
  useDocumentTitle('Page not found')
  return (
    <main className="auth-page">
      <section className="card auth-card" aria-labelledby="not-found-heading">
        <p className="brand" aria-hidden="true">
          Reel
        </p>
        <h1 id="not-found-heading">Page not found</h1>
        <p className="muted">
          There is nothing at this address. It may have moved, or never existed.
        </p>
        <Link to="/movies" className="button primary">
          Go to Movies
        </Link>
      </section>
    </main>
  )
}
