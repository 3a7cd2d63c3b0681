import { useDeferredValue, type ReactNode } from 'react'
import { Navigate, Outlet, useLocation } from 'react-router-dom'
import { useAuth } from '../auth'
import { paths } from './paths'
import { loginState } from './routes/login-state'

/**
 * Renders its child routes for a signed-in user; sends anyone else to the sign-in page, keeping where
 * they were going. While the session restores it renders `fallback`, never the sign-in page.
 */
export function RequireAuth({ fallback }: { fallback: ReactNode }) {
  const { phase, isSignedIn, endedBecause } = useAuth()
  // The session's change arrives as an urgent update, which React renders in one piece: the whole
  // layout and page at once, a long task that blocks a slow phone. Drawn from a deferred value,
  // the page renders in the background in short slices while the fallback stays up.
  const pageMayShow = useDeferredValue(isSignedIn)
  const location = useLocation()
  if (phase === 'signed-out') {
    // Why the session ended, when it did: the sign-in page says so.
    const state = loginState(location.pathname + location.search + location.hash, { endedBecause })
    return <Navigate to={paths.login} state={state} replace />
  }
  // Restoring, or a sign-out begun before anyone was known: nobody to show the page to yet.
  if (!isSignedIn || !pageMayShow) return fallback
  return <Outlet />
}
