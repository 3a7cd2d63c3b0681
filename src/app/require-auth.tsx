import type { ReactNode } from 'react'
import { Navigate, Outlet, useLocation } from 'react-router-dom'
import { type SignOutReason, useAuth } from '../auth'

/** Where a guarded route sends a signed-out user, and what it keeps for after sign-in. */
export interface LoginRedirectState {
  from: string
  /** Why the session ended, when it did: the sign-in page says so. */
  endedBecause: SignOutReason | null
}

/**
 * Renders its child routes for a signed-in user; sends anyone else to `/login`, keeping where
 * they were going. While the session restores it renders `fallback`, never the sign-in page.
 */
export function RequireAuth({ fallback }: { fallback: ReactNode }) {
  const { status, endedBecause } = useAuth()
  const location = useLocation()
  if (status === 'restoring') return fallback
  if (status === 'signed-out') {
    const state: LoginRedirectState = {
      from: location.pathname + location.search + location.hash,
      endedBecause,
    }
    return <Navigate to="/login" state={state} replace />
  }
  return <Outlet />
}
