import { NavLink, Outlet } from 'react-router-dom'
import { useAuth } from '../../auth/react'
import { SessionProviderMenu } from '../../features/social-sign-in/components/session-provider-menu'
import { isMockBackend } from '../../lib/env'
import { ReconnectingBanner } from './reconnecting-banner'

export function SignedInLayout() {
  const { user, signOut } = useAuth()
  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <ReconnectingBanner />
      <header className="app-header">
        <NavLink to="/movies" className="brand">
          Reel
        </NavLink>
        <nav aria-label="Main" className="main-nav">
          <NavLink to="/movies">Movies</NavLink>
          <NavLink to="/watchlist">Watchlist</NavLink>
          <NavLink to="/devices">Devices</NavLink>
          {isMockBackend && <NavLink to="/lab">Lab</NavLink>}
        </nav>
        <div className="account">
          <span className="user-name" title={user?.displayName}>
            {user?.displayName}
          </span>
          <SessionProviderMenu />
          <button type="button" className="button" onClick={() => void signOut()}>
            Sign out
          </button>
        </div>
      </header>
      <main id="main" className="page" tabIndex={-1}>
        <Outlet />
      </main>
    </>
  )
}

/**
 * Holds the layout's place while the session restores, drawn like the real header and a page of
 * cards, so nothing jumps when it appears.
 */
export function SessionSkeleton() {
  return (
    <div className="session-skeleton" aria-busy="true">
      <ReconnectingBanner />
      <p role="status" className="visually-hidden">
        Loading your session…
      </p>
      <div className="app-header" aria-hidden="true">
        <span className="brand">Reel</span>
        <div className="main-nav">
          <span className="skeleton-text">Movies</span>
          <span className="skeleton-text">Watchlist</span>
          <span className="skeleton-text">Devices</span>
        </div>
        <div className="account">
          <span className="user-name skeleton-text">Signing in</span>
          <span className="button skeleton-text">Sign out</span>
        </div>
      </div>
      <div className="page" aria-hidden="true">
        <span className="skeleton-line heading" />
        <div className="skeleton-block" />
      </div>
    </div>
  )
}
