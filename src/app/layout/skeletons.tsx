import { useI18n } from '../../i18n/i18n-provider'
import { ReconnectingBanner } from './reconnecting-banner'

/** A page's place while its code or data arrives: a heading and a block, as every page starts. */
export function PageSkeleton() {
  return (
    <div aria-hidden="true">
      <span className="skeleton-line heading" />
      <div className="skeleton-block" />
    </div>
  )
}

/** The centred card of the pages outside the signed-in layout, empty while its code arrives. */
export function AuthPageSkeleton() {
  return (
    <main className="auth-page" aria-busy="true">
      <div className="card auth-card skeleton-block" aria-hidden="true" />
    </main>
  )
}

/**
 * Holds the layout's place while the session restores, drawn like the real header and a page of
 * cards, so nothing jumps when it appears.
 */
export function SessionSkeleton() {
  const { t } = useI18n()
  return (
    <div className="session-skeleton" aria-busy="true">
      <ReconnectingBanner />
      <p role="status" className="visually-hidden">
        {t.nav.loadingSession}
      </p>
      <div className="app-header" aria-hidden="true">
        <span className="brand">{t.app.name}</span>
        <div className="main-nav">
          <span className="skeleton-text">{t.nav.movies}</span>
          <span className="skeleton-text">{t.nav.watchlist}</span>
          <span className="skeleton-text">{t.nav.devices}</span>
        </div>
        <span className="button menu-toggle skeleton-text">{t.account.menu}</span>
        <div className="account">
          <span className="user-name skeleton-text">{t.nav.signingIn}</span>
          <span className="button skeleton-text">{t.nav.signOut}</span>
        </div>
      </div>
      <div className="page">
        <PageSkeleton />
      </div>
    </div>
  )
}
