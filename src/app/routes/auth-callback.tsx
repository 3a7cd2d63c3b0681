import { useEffect, useLayoutEffect, useRef, useState } from 'react'
import { useLocation, useNavigate, useParams } from 'react-router-dom'
import { useAuth } from '../../auth'
import { useLinkProvider } from '../../features/account/api/link-provider'
import {
  linkFailureResult,
  linkOutcomeState,
  type LinkResult,
} from '../../features/account/link-outcome'
import { providerLabel } from '../../i18n/provider-label'
import { pendingLinkOf } from '../../features/social-sign-in/account-link'
import { exchangeFailure } from '../../features/social-sign-in/failure-message'
import {
  callbackIntent,
  finishSocialSignIn,
  grantOf,
  linkGrantOf,
  type FinishResult,
  type FlowFailure,
} from '../../features/social-sign-in/oauth-flow'
import { socialProviderSchema } from '../../../contract/providers'
import '../../features/social-sign-in/social-sign-in.css'
import type { Messages } from '../../i18n/catalogues'
import { useI18n } from '../../i18n/i18n-provider'
import { paths } from '../paths'
import { useDocumentTitle } from '../use-document-title'
import { loginState } from './login-state'

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
 * Where a link's outcome is shown: where the person was going once it is made, else the account
 * page, which says why and offers to try again (a link begun at sign-in may have been going
 * anywhere).
 */
const linkOutcomeDestination = (result: LinkResult, returnTo: string) =>
  result === 'linked' ? returnTo : paths.account

/** What the account page says about a link the flow itself ended, before any request. */
const linkResultOfFlowFailure = (reason: FlowFailure): LinkResult =>
  reason === 'cancelled'
    ? 'not_linked'
    : reason === 'provider_error'
      ? 'provider_error'
      : 'unverified'

/** What the page says it is doing: a person linking a provider is already signed in. */
function callbackWords(t: Messages, linking: boolean, providerName: string | null) {
  const { social } = t
  if (linking) {
    const heading = providerName ? social.linkingWith(providerName) : social.linking
    return { heading, status: social.checkingLink }
  }
  const heading = providerName ? social.signingInWith(providerName) : social.signingIn
  return { heading, status: social.checking }
}

/**
 * Where a social provider sends the browser back: checks the answer against this tab's attempt,
 * then either exchanges the code for a session and goes on to where the person was going (or
 * back to the sign-in page with a message), or, for a link, hands the code to the signed-in
 * account and goes back to the account page with the outcome. Only ever replaces history
 * entries, so Back never returns here.
 */
export function AuthCallbackRoute() {
  const { pathname, search } = useLocation()
  // Read before the attempt is spent, and kept: the code and state leave the address at once.
  const [linking] = useState(() => callbackIntent(search) === 'link')
  useDocumentTitle((t) => (linking ? t.social.linkingTitle : t.social.callbackTitle))
  const { t } = useI18n()
  useNoReferrer()
  const { provider: providerParam = '' } = useParams()
  const navigate = useNavigate()
  const { phase, signInWithProvider } = useAuth()
  const { mutateAsync: linkProvider } = useLinkProvider()
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
      const { reason, intent, provider, returnTo } = outcome
      if (intent === 'link' && provider !== null) {
        const linkOutcome = { provider, result: linkResultOfFlowFailure(reason) }
        void navigate(paths.account, { replace: true, state: linkOutcomeState(linkOutcome) })
        return
      }
      const socialSignInFailure = { reason, provider }
      void navigate(paths.login, {
        replace: true,
        state: loginState(returnTo, { socialSignInFailure }),
      })
      return
    }
    // A restore still in flight could land after the exchange and overwrite or end its session.
    if (phase === 'restoring') return
    handled.current = true
    const { provider, returnTo } = outcome
    if (outcome.intent === 'link') {
      // The session ended while the person was at the provider: there is no account to link to.
      if (phase === 'signed-out') {
        void navigate(paths.login, { replace: true, state: loginState(returnTo) })
        return
      }
      void linkProvider({ provider, grant: linkGrantOf(outcome) })
        .then(() => 'linked' as const, linkFailureResult)
        .then((result) =>
          navigate(linkOutcomeDestination(result, returnTo), {
            replace: true,
            state: linkOutcomeState({ provider, result }),
          }),
        )
      return
    }
    void signInWithProvider(provider, grantOf(outcome)).then(
      () => navigate(returnTo, { replace: true }),
      (error: unknown) => {
        // An existing account's email: its owner signs in to link the provider.
        const pendingLink = pendingLinkOf(error)
        const state = loginState(
          returnTo,
          pendingLink ? { pendingLink } : { socialSignInFailure: exchangeFailure(error, provider) },
        )
        return navigate(paths.login, { replace: true, state })
      },
    )
  }, [phase, signInWithProvider, linkProvider, navigate])

  const provider = socialProviderSchema.safeParse(providerParam).data
  const words = callbackWords(t, linking, provider ? providerLabel(t, provider) : null)
  return (
    <main className="auth-page">
      <section className="card auth-card" aria-busy="true" aria-labelledby="callback-heading">
        <p className="brand" aria-hidden="true">
          {t.app.name}
        </p>
        <h1 id="callback-heading">{words.heading}</h1>
        <p role="status" className="muted callback-status">
          <span className="spinner" aria-hidden="true" /> {words.status}
        </p>
      </section>
    </main>
  )
}
