import { useState } from 'react'
import { Navigate, useLocation, useNavigate, useSearchParams } from 'react-router-dom'
import { useAuth } from '../../auth'
import { PasskeySignIn } from '../../features/account/components/passkey-sign-in'
import { SignInForm } from '../../features/sign-in/components/sign-in-form'
import { useProviders } from '../../features/social-sign-in/api/get-providers'
import { SocialSignInButtons } from '../../features/social-sign-in/components/social-sign-in-buttons'
import { failureMessage } from '../../features/social-sign-in/failure-message'
import { beginProviderLink } from '../../features/social-sign-in/oauth-flow'
import { useI18n } from '../../i18n/i18n-provider'
import { providerLabel } from '../../i18n/provider-label'
import { LanguageSelect } from '../../i18n/language-select'
import { isMockBackend, mockMode } from '../../lib/env'
import { safeReturnPath } from '../../lib/return-path'
import { useHistoryStateOnce } from '../use-history-state-once'
import {
  loginState,
  readLoginNews,
  readLoginState,
  statusNotice,
  withoutLoginNews,
} from './login-state'

export function LoginRoute() {
  const auth = useAuth()
  const logoutPending = auth.phase === 'signed-out' && auth.logoutPending
  const { t } = useI18n()
  const navigate = useNavigate()
  const location = useLocation()
  const [params] = useSearchParams()
  const [remember, setRemember] = useState(true)
  const { from, renew, pendingLink } = readLoginState(location.state)
  // Told once: a reload or a return by Back finds the page without it.
  const { endedBecause, socialSignInFailure } =
    useHistoryStateOnce(readLoginNews, withoutLoginNews) ?? {}
  const destination = safeReturnPath(from ?? params.get('returnTo'))
  const renewing = renew === true
  // Asked now, beside the session check, so the buttons are ready when the form is. Until the
  // list has answered, nothing is drawn under the buttons' place: they would push it down.
  const { data: providers = [], isPending: providersPending } = useProviders()

  /**
   * A passkey sign-in carries no link token (the contract takes one only beside a password), so
   * a waiting link is made after it as from the account page: once more to the provider, whose
   * code the fresh sign-in may link without a step-up. Anywhere else, on to the destination.
   */
  async function afterPasskeySignIn() {
    const provider = providers.find(({ id }) => id === pendingLink?.provider)
    if (!provider) return navigate(destination, { replace: true })
    window.location.assign(await beginProviderLink(provider, { returnTo: destination }))
  }

  // A signed-in person is only here to start a new session before theirs ends.
  if (auth.isSignedIn && !renewing) return <Navigate to={destination} replace />

  return (
    <main className="auth-page">
      <div className="auth-page-tools">
        <LanguageSelect />
      </div>
      <section className="card auth-card" aria-labelledby="sign-in-heading">
        <p className="brand" aria-hidden="true">
          {t.app.name}
        </p>
        <h1 id="sign-in-heading">{renewing ? t.signIn.renewHeading : t.signIn.heading}</h1>
        <p role="status" className="notice">
          {renewing
            ? t.signIn.renewLead
            : pendingLink
              ? t.social.accountExists(providerLabel(t, pendingLink.provider))
              : statusNotice(t, endedBecause ?? auth.endedBecause, logoutPending)}
        </p>
        {socialSignInFailure && (
          <p role="alert" className="alert">
            {failureMessage(t, socialSignInFailure)}
          </p>
        )}
        {auth.phase === 'restoring' ? (
          <p className="muted">{t.signIn.checkingSession}</p>
        ) : (
          <>
            <SignInForm
              remember={remember}
              onRememberChange={setRemember}
              onSignedIn={() => navigate(destination, { replace: true })}
              linkToken={pendingLink?.linkToken ?? null}
              // A refused link is gone for good: the page forgets it and signs in plainly.
              onLinkRefused={() =>
                navigate(location, { replace: true, state: loginState(destination) })
              }
            />
            <PasskeySignIn
              remember={remember}
              onSignedIn={() => void afterPasskeySignIn()}
              linkPendingFor={pendingLink?.provider ?? null}
            />
            <SocialSignInButtons returnTo={destination} remember={remember} />
          </>
        )}
        {isMockBackend && auth.phase !== 'restoring' && !providersPending && (
          <aside className="demo-accounts" aria-label={t.signIn.demoAccounts}>
            <p>{t.signIn.demoAccountsLead}</p>
            {mockMode === 'worker' && <p className="muted">{t.signIn.workerModeNote}</p>}
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
