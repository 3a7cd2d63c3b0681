import { useEffect, useLayoutEffect, useRef } from 'react'
import { useLocation, useNavigate, useParams } from 'react-router-dom'
import { useAuth } from '../../auth/react'
import { providerLabel } from '../../i18n/provider-label'
import { linkState, pendingLinkOf } from '../../features/social-sign-in/account-link'
import { exchangeFailure, failureState } from '../../features/social-sign-in/failure-message'
import {
  finishSocialSignIn,
  grantOf,
  type FinishResult,
} from '../../features/social-sign-in/oauth-flow'
import { socialProviderSchema } from '../../../contract/providers'
import '../../features/social-sign-in/social-sign-in.css'
import { useI18n } from '../../i18n/i18n-provider'
import { useDocumentTitle } from '../use-document-title'

/**
 * While this page is open its address may hold a code: no request it makes may carry it in a
 * `Referer`. The servers send `Referrer-Policy: no-referrer` with the page; this covers the
 * static worker-mode demo, whose server cannot, and any server that forgets.
 */
function useNoReferrer(): void {
  useLayoutEffect(() => {
    const meta = document.createElement('meta')
    meta.name = 'referrer'
    meta.content = 'no-referrer'
    document.head.append(meta)
    return () => meta.remove()
  }, [])
}

/**
 * Where a social provider sends the browser back: checks the answer against this tab's attempt,
 * exchanges the code, and goes on to where the person was going, or back to the sign-in page
 * with a message. Only ever replaces history entries, so Back never returns here.
 */
export function AuthCallbackRoute() {
  useDocumentTitle((t) => t.social.callbackTitle)
  const { t } = useI18n()
  useNoReferrer()
  const { provider: providerParam = '' } = useParams()
  const { pathname, search } = useLocation()
  const navigate = useNavigate()
  const { status, signInWithProvider } = useAuth()
  const result = useRef<FinishResult | null>(null)
  const handled = useRef(false)

  // Read once (refs survive StrictMode's second run): the state is spent on the first read, and
  // the code and state leave the address bar at once.
  useEffect(() => {
    if (result.current) return
    result.current = finishSocialSignIn(providerParam, search)
    void navigate(pathname, { replace: true })
  }, [providerParam, search, pathname, navigate])

  useEffect(() => {
    const outcome = result.current
    if (!outcome || handled.current) return
    if (!outcome.ok) {
      handled.current = true
      const failure = { reason: outcome.reason, provider: outcome.provider }
      void navigate('/login', { replace: true, state: failureState(failure, outcome.returnTo) })
      return
    }
    // A restore still in flight could land after the exchange and overwrite or end its session.
    if (status === 'restoring') return
    handled.current = true
    const { provider, returnTo } = outcome
    void signInWithProvider(provider, grantOf(outcome)).then(
      () => navigate(returnTo, { replace: true }),
      (error: unknown) => {
        // An existing account's email: its owner signs in to link the provider.
        const link = pendingLinkOf(error)
        const state = link
          ? linkState(link, returnTo)
          : failureState(exchangeFailure(error, provider), returnTo)
        return navigate('/login', { replace: true, state })
      },
    )
  }, [status, signInWithProvider, navigate])

  const provider = socialProviderSchema.safeParse(providerParam).data
  return (
    <main className="auth-page">
      <section className="card auth-card" aria-busy="true" aria-labelledby="callback-heading">
        <p className="brand" aria-hidden="true">
          {t.app.name}
        </p>
        <h1 id="callback-heading">
          {provider ? t.social.signingInWith(providerLabel(t, provider)) : t.social.signingIn}
        </h1>
        <p role="status" className="muted callback-status">
          <span className="spinner" aria-hidden="true" /> {t.social.checking}
        </p>
      </section>
    </main>
  )
}
