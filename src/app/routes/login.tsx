import { Navigate, useLocation, useNavigate, useSearchParams } from 'react-router-dom'
import { endedByServer } from '../../auth/events'
import { useAuth } from '../../auth/react'
import type { LoginRedirectState } from '../require-auth'
import { SignInForm } from '../../features/sign-in/components/sign-in-form'
import { SocialSignInButtons } from '../../features/social-sign-in/components/social-sign-in-buttons'
import { readFailureMessage } from '../../features/social-sign-in/failure-message'
import { isMockBackend, mockMode } from '../../lib/env'
import { safeReturnPath } from '../../lib/return-path'

function isRedirectState(value: unknown): value is LoginRedirectState {
  return typeof value === 'object' && value !== null && 'from' in value && 'endedBecause' in value
}

export function LoginRoute() {
  const { status } = useAuth()
  const navigate = useNavigate()
  const location = useLocation()
  const [params] = useSearchParams()
  const redirect = isRedirectState(location.state) ? location.state : null
  const destination = safeReturnPath(redirect?.from ?? params.get('returnTo'))
  const socialSignInError = readFailureMessage(location.state)

  if (status === 'signed-in') return <Navigate to={destination} replace />

  return (
    <main className="auth-page">
      <section className="card auth-card" aria-labelledby="sign-in-heading">
        <p className="brand" aria-hidden="true">
          Reel
        </p>
        <h1 id="sign-in-heading">Sign in to Reel</h1>
        <p role="status" className="notice">
          {redirect?.endedBecause && endedByServer(redirect.endedBecause)
            ? 'Your session has ended. Please sign in again.'
            : ''}
        </p>
        {socialSignInError && (
          <p role="alert" className="alert">
            {socialSignInError}
          </p>
        )}
        {status === 'restoring' ? (
          <p className="muted">Checking your session…</p>
        ) : (
          <>
            <SignInForm onSignedIn={() => navigate(destination, { replace: true })} />
            <SocialSignInButtons returnTo={destination} />
          </>
        )}
        {isMockBackend && (
          <aside className="demo-accounts" aria-label="Demo accounts">
            <p>Demo accounts (mock backend):</p>
            {mockMode === 'worker' && (
              <p className="muted">
                Static demo: the backend runs in this tab, so the refresh cookie is only simulated
                (kept in localStorage) and each tab has its own data.
              </p>
            )}
            <ul>
              <li>
                <code>demo</code> / <code>demo-password-1</code>
              </li>
              <li>
                <code>alice</code> / <code>alice-password-1</code>
              </li>
            </ul>
          </aside>
        )}
      </section>
    </main>
  )
}
