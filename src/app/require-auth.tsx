import type { ReactNode } from 'react'
import { Navigate, Outlet, useLocation } from 'react-router-dom'
import { useAuth } from '../auth'
import { paths } from './paths'
import { loginState } from './routes/login-state'

/**
 * Renders its child routes for a signed-in user; sends anyone else to the sign-in page, keeping where
 * they were going. While the session restores it renders `fallback`, never the sign-in page.
 */
export function RequireAuth({ fallback }: { fallback: ReactNode }) {
  const { status, endedBecause } = useAuth()
  const location = useLocation()
  if (status === 'restoring') return fallback
  if (status === 'signed-out') {
    // Why the session ended, when it did: the sign-in page says so.
    const state = loginState(location.pathname + location.search + location.hash, { endedBecause })
    return <Navigate to={paths.login} state={state} replace />
  }
  return <Outlet />
}
