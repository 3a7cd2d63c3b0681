import { NavLink, Outlet } from 'react-router-dom'
import { useAuth } from '../../auth/react'

export function SignedInLayout() {
  const { user, signOut } = useAuth()
  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="app-header">
        <NavLink to="/movies" className="brand">
          Reel
        </NavLink>
        <nav aria-label="Main">
          <NavLink to="/movies">Movies</NavLink>
          <NavLink to="/watchlist">Watchlist</NavLink>
          <NavLink to="/devices">Devices</NavLink>
        </nav>
        <div className="account">
          <span className="user-name">{user?.displayName}</span>
          <button type="button" className="button" onClick={() => void signOut()}>
            Sign out
          </button>
        </div>
      </header>
      <main id="main" className="page">
        <Outlet />
      </main>
    </>
  )
}

/** Holds the layout's place while the session restores, so nothing jumps when it appears. */
export function SessionSkeleton() {
  return (
    <div className="session-skeleton" aria-busy="true" aria-label="Loading your session">
      <div className="app-header skeleton-bar" />
      <main className="page">
        <div className="skeleton-block" />
      </main>
    </div>
  )
}
