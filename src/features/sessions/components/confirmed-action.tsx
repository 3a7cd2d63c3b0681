import { useEffect, useId, useRef, useState, type KeyboardEvent, type MouseEvent } from 'react'
import { useAuth } from '../../../auth/react'

interface ConfirmDialogProps {
  onCancel: () => void
}

function ConfirmSignOutEverywhere({ onCancel }: ConfirmDialogProps) {
  const { signOutEverywhere } = useAuth()
  const dialogRef = useRef<HTMLDialogElement>(null)
  const cancelRef = useRef<HTMLButtonElement>(null)
  const headingId = useId()
  const descriptionId = useId()
  const [pending, setPending] = useState(false)
  const [failed, setFailed] = useState(false)

  useEffect(() => {
    const dialog = dialogRef.current
    if (!dialog) return
    // A modal dialog makes the page behind it inert; where showModal is missing (older browsers,
    // jsdom) the dialog still opens, only without that.
    if (typeof dialog.showModal === 'function') dialog.showModal()
    else dialog.setAttribute('open', '')
    // The harmless choice takes focus, so a stray Enter cannot end every session.
    cancelRef.current?.focus()
    return () => {
      if (typeof dialog.close === 'function') dialog.close()
    }
  }, [])

  async function confirm() {
    setPending(true)
    setFailed(false)
    try {
      // On success the session ends and the app leaves this page for the sign-in page.
      await signOutEverywhere()
    } catch {
      setFailed(true)
      setPending(false)
    }
  }

  function onKeyDown(event: KeyboardEvent<HTMLDialogElement>) {
    // Handled here rather than left to the browser so it also works where showModal does not.
    if (event.key === 'Escape') {
      event.preventDefault()
      onCancel()
    }
  }

  function onBackdropClick(event: MouseEvent<HTMLDialogElement>) {
    // The body fills the dialog, so only a click on the backdrop lands on the dialog itself.
    if (event.target === event.currentTarget) onCancel()
  }

  return (
    <dialog
      ref={dialogRef}
      className="dialog"
      aria-labelledby={headingId}
      aria-describedby={descriptionId}
      onCancel={(event) => {
        event.preventDefault()
        onCancel()
      }}
      onKeyDown={onKeyDown}
      onClick={onBackdropClick}
    >
      <div className="dialog-body">
        <h2 id={headingId}>Sign out of all devices?</h2>
        <p id={descriptionId} className="muted">
          Every browser and app signed in to your account will be signed out, including this one.
          You will need to sign in again on each of them.
        </p>
        <div role="alert" className="alert">
          {failed
            ? 'We could not sign you out everywhere. Check your connection and try again.'
            : ''}
        </div>
        <div className="dialog-actions">
          <button ref={cancelRef} type="button" className="button" onClick={onCancel}>
            Cancel
          </button>
          <button
            type="button"
            className="button danger"
            disabled={pending}
            aria-busy={pending}
            onClick={() => void confirm()}
          >
            {pending && <span className="spinner" aria-hidden="true" />}
            Sign out of all devices
          </button>
        </div>
      </div>
    </dialog>
  )
}

/** A button that, once confirmed in a dialog, revokes every session of the user. */
export function SignOutEverywhere() {
  const [open, setOpen] = useState(false)
  const triggerRef = useRef<HTMLButtonElement>(null)
  const wasOpen = useRef(false)

  // Focus goes back where it was once the dialog has gone; while it is open, the page is inert.
  useEffect(() => {
    if (wasOpen.current && !open) triggerRef.current?.focus()
    wasOpen.current = open
  }, [open])

  return (
    <>
      <button
        ref={triggerRef}
        type="button"
        className="button danger"
        onClick={() => setOpen(true)}
      >
        Sign out of all devices
      </button>
      {open && <ConfirmSignOutEverywhere onCancel={() => setOpen(false)} />}
    </>
  )
}
