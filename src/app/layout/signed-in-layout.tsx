import type { QueryClient } from '@tanstack/react-query'
import { Suspense } from 'react'
import { NavLink, Outlet } from 'react-router-dom'
import { useAuth } from '../../auth'
import { useLatestAccount } from '../../features/account/api/get-me'
import { sessionsQueryOptions } from '../../features/sessions/api/get-sessions'
import { SessionProviderMenu } from '../../features/sessions/components/session-provider-menu'
import { useI18n } from '../../i18n/i18n-provider'
import { LanguageSelect } from '../../i18n/language-select'
import { isMockBackend } from '../../lib/env'
import { paths } from '../paths'
import { HeaderMenu } from './header-menu'
import { ReconnectingBanner } from './reconnecting-banner'
import { SessionExpiryNotice } from './session-expiry-notice'
import { PageSkeleton } from './skeletons'

/** The header's badge names how this session signed in, from the list of sessions. */
export function prefetch(queryClient: QueryClient): void {
  void queryClient.prefetchQuery(sessionsQueryOptions())
}

export function SignedInLayout() {
  const { user, signOut } = useAuth()
  const account = useLatestAccount(user)
  const { t } = useI18n()
  return (
    <>
      <a className="skip-link" href="#main">
        {t.app.skipToContent}
      </a>
      <ReconnectingBanner />
      <header className="app-header">
        <NavLink to={paths.movies} className="brand">
          {t.app.name}
        </NavLink>
        <nav aria-label={t.nav.main} className="main-nav">
          <NavLink to={paths.movies}>{t.nav.movies}</NavLink>
          <NavLink to={paths.watchlist}>{t.nav.watchlist}</NavLink>
          <NavLink to={paths.devices}>{t.nav.devices}</NavLink>
          {isMockBackend && <NavLink to={paths.lab}>{t.nav.lab}</NavLink>}
        </nav>
        <HeaderMenu>
          <LanguageSelect />
          <span className="user-name" title={user?.displayName}>
            {user?.displayName}
          </span>
          <SessionProviderMenu linkedMethods={account?.providers ?? []} />
          <NavLink to={paths.account} className="account-link">
            {t.account.headerLink}
          </NavLink>
          <button type="button" className="button" onClick={() => void signOut()}>
            {t.nav.signOut}
          </button>
        </HeaderMenu>
      </header>
      <SessionExpiryNotice />
      <main id="main" className="page" tabIndex={-1}>
        <Suspense fallback={<PageSkeleton />}>
          <Outlet />
        </Suspense>
      </main>
    </>
  )
}
