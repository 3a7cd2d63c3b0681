import { useEffect, useId, useRef, useState, type FormEvent } from 'react'
import { isAuthError, type StepUpPrompt, type StepUpProof } from '../../../auth'
import type { Messages } from '../../../i18n/catalogues'
import { useI18n } from '../../../i18n/i18n-provider'
import { serverErrorMessage } from '../../../i18n/server-error'
import { getPasskeyAssertion } from '../api/passkey-assertion'
import '../../../components/dialog.css'

/** What to tell the person about a proof that was not accepted; never the server's words. */
function failureMessage(messages: Messages, error: unknown): string {
  if (error instanceof DOMException && error.name === 'NotAllowedError') {
    return messages.stepUp.passkeyCancelled
  }
  if (!isAuthError(error)) return messages.stepUp.passkeyRejected
  if (error.kind === 'transient') return messages.errors.network
  if (error.code === 'invalid_credentials') return messages.stepUp.wrongPassword
  if (error.code === 'passkey_invalid') return messages.stepUp.passkeyRejected
  return serverErrorMessage(messages, error.code)
}

/** The proof a step-up asks for: loaded with the first prompt, since most visits have none. */
export function StepUpForm({ prompt }: { prompt: StepUpPrompt }) {
  const { t } = useI18n()
  const dialogRef = useRef<HTMLDialogElement>(null)
  const passwordRef = useRef<HTMLInputElement>(null)
  const headingId = useId()
  const leadId = useId()
  const [password, setPassword] = useState('')
  const [busy, setBusy] = useState(false)
  const [failure, setFailure] = useState<string | null>(null)
  const withPasskey = (prompt.user?.passkeys ?? 0) > 0

  useEffect(() => {
    const dialog = dialogRef.current
    if (!dialog) return
    // Focus goes back where it was once the prompt has gone, whoever closed it (this tab or
    // another one that confirmed first).
    const returnFocusTo = document.activeElement
    // A modal dialog traps focus and makes the page behind it inert; where showModal is missing
    // (jsdom) the dialog still opens, only without that.
    if (typeof dialog.showModal === 'function') dialog.showModal()
    else dialog.setAttribute('open', '')
    passwordRef.current?.focus()
    return () => {
      if (typeof dialog.close === 'function') dialog.close()
      if (returnFocusTo instanceof HTMLElement) returnFocusTo.focus()
    }
  }, [])

  // After a refused attempt the field is enabled again only on the next render: focus it then,
  // so the person can type the password again at once.
  useEffect(() => {
    if (failure !== null && !busy) passwordRef.current?.focus()
  }, [failure, busy])

  async function confirm(proof: () => Promise<StepUpProof>) {
    setBusy(true)
    setFailure(null)
    try {
      await prompt.confirm(await proof())
      // Accepted: the prompt closes this dialog.
    } catch (error) {
      setFailure(failureMessage(t, error))
      setBusy(false)
    }
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault()
    if (busy || password === '') return
    void confirm(() => Promise.resolve({ password }))
  }

  return (
    <dialog
      ref={dialogRef}
      className="dialog"
      aria-labelledby={headingId}
      aria-describedby={leadId}
      aria-busy={busy}
      onCancel={(event) => {
        // Escape: the same as the Cancel button, and the dialog stays in React's hands.
        event.preventDefault()
        prompt.cancel()
      }}
      onKeyDown={(event) => {
        // Handled here too so that it also works where showModal does not.
        if (event.key === 'Escape') {
          event.preventDefault()
          prompt.cancel()
        }
      }}
    >
      <form className="dialog-body" onSubmit={onSubmit}>
        <h2 id={headingId}>{t.stepUp.title}</h2>
        <p id={leadId} className="muted">
          {withPasskey ? t.stepUp.leadWithPasskey : t.stepUp.lead}
        </p>
        <label className="field">
          <span>{t.stepUp.password}</span>
          <input
            ref={passwordRef}
            type="password"
            name="password"
            autoComplete="current-password"
            required
            maxLength={128}
            value={password}
            disabled={busy}
            onChange={(event) => setPassword(event.target.value)}
          />
        </label>
        <div role="alert" className="alert">
          {failure ?? ''}
        </div>
        <div className="dialog-actions">
          {withPasskey && (
            <button
              type="button"
              className="button"
              disabled={busy}
              onClick={() =>
                void confirm(async () => ({ credential: { ...(await getPasskeyAssertion()) } }))
              }
            >
              {t.stepUp.usePasskey}
            </button>
          )}
          <button type="button" className="button" onClick={() => prompt.cancel()}>
            {t.stepUp.cancel}
          </button>
          <button type="submit" className="button primary" disabled={busy} aria-busy={busy}>
            {busy && <span className="spinner" aria-hidden="true" />}
            {busy ? t.stepUp.confirming : t.stepUp.confirm}
          </button>
        </div>
      </form>
    </dialog>
  )
}
