import { useEffect, useRef, useState } from 'react'
import { isAuthError, useAuth } from '../../../auth'
import type { Messages } from '../../../i18n/catalogues'
import { useI18n } from '../../../i18n/i18n-provider'
import { providerLabel } from '../../../i18n/provider-label'
import { serverErrorMessage } from '../../../i18n/server-error'
import { getPasskeyOptions } from '../api/get-passkey-options'
import { loadWebAuthn } from '../webauthn'

/** The browser's own "no": the person closed the prompt, or a newer ceremony replaced this one. */
const isDismissed = (error: unknown) =>
  error instanceof Error && (error.name === 'NotAllowedError' || error.name === 'AbortError')

function describe(t: Messages, error: unknown): string {
  if (!isAuthError(error)) return t.account.passkeySignInFailed
  if (error.kind === 'transient') return t.errors.network
  return error.code === 'passkey_invalid'
    ? t.account.passkeySignInFailed
    : serverErrorMessage(t, error.code)
}

interface PasskeySignInProps {
  remember: boolean
  onSignedIn: () => void
  /**
   * The provider whose link is waiting, or null. A passkey sign-in carries no link token, so the
   * page links it after, with a fresh trip to the provider; the button says so beforehand.
   */
  linkPendingFor: string | null
}

/**
 * "Sign in with a passkey", and the browser's passkey autofill on the username field
 * (conditional mediation) while the page is open. The WebAuthn library loads after the page
 * has drawn; leaving the page cancels the waiting autofill request.
 */
export function PasskeySignIn({ remember, onSignedIn, linkPendingFor }: PasskeySignInProps) {
  const { signInWithPasskey } = useAuth()
  const { t } = useI18n()
  const [pending, setPending] = useState(false)
  const [failure, setFailure] = useState<unknown>(null)
  // The autofill request outlives renders; it reads the choices as they are when it completes.
  const latest = useRef({ remember, onSignedIn })
  useEffect(() => {
    latest.current = { remember, onSignedIn }
  })

  async function signInWith(useBrowserAutofill: boolean, isCurrent: () => boolean) {
    const webauthn = await loadWebAuthn()
    if (useBrowserAutofill && !(await webauthn.browserSupportsWebAuthnAutofill())) return
    const optionsJSON = await getPasskeyOptions()
    if (!isCurrent()) return
    const credential = await webauthn.startAuthentication({ optionsJSON, useBrowserAutofill })
    setPending(true)
    // A copy: the contract's JSON object type, which the library's interface is not.
    await signInWithPasskey({ credential: { ...credential }, remember: latest.current.remember })
    latest.current.onSignedIn()
  }

  function fail(error: unknown) {
    setPending(false)
    if (!isDismissed(error)) setFailure(error)
  }

  useEffect(() => {
    let current = true
    const autofill = async () => {
      try {
        await signInWith(true, () => current)
      } catch (error) {
        if (current) fail(error)
      }
    }
    void autofill()
    return () => {
      current = false
      void loadWebAuthn().then(({ WebAuthnAbortService }) => WebAuthnAbortService.cancelCeremony())
    }
    // Once per visit: the autofill request waits for the person for as long as the page is open.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [])

  return (
    <div className="stack">
      {linkPendingFor !== null && (
        <p className="muted">{t.account.passkeyLinkNote(providerLabel(t, linkPendingFor))}</p>
      )}
      <div role="alert" className="alert">
        {failure !== null && describe(t, failure)}
      </div>
      <button
        type="button"
        className="button"
        disabled={pending}
        aria-busy={pending}
        onClick={() => {
          setFailure(null)
          // Starting this ceremony cancels the waiting autofill one.
          signInWith(false, () => true).catch(fail)
        }}
      >
        {pending && <span className="spinner" aria-hidden="true" />}
        {t.account.signInWithPasskey}
      </button>
    </div>
  )
}
