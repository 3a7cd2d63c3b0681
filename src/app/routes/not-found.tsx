import { Link } from 'react-router-dom'
import { useI18n } from '../../i18n/i18n-provider'
import { paths } from '../paths'
import { useDocumentTitle } from '../use-document-title'

export function NotFoundRoute() {
  useDocumentTitle((t) => t.notFound.title)
  const { t } = useI18n()
  return (
    <main className="auth-page">
      <section className="card auth-card" aria-labelledby="not-found-heading">
        <p className="brand" aria-hidden="true">
          {t.app.name}
        </p>
        <h1 id="not-found-heading">{t.notFound.title}</h1>
        <p className="muted">{t.notFound.lead}</p>
        <Link to={paths.movies} className="button primary">
          {t.notFound.goToMovies}
        </Link>
      </section>
    </main>
  )
}
