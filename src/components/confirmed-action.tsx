import { useEffect, useId, useRef, useState, type KeyboardEvent, type MouseEvent } from 'react'
import { isStepUpCancelled } from '../auth'
import { useI18n } from '../i18n/i18n-provider'
import './dialog.css'

interface ConfirmedActionProps {
  /** The trigger's label and the dialog's confirm button: the same words, so no surprise. */
  label: string
  question: string
  explanation: string
  failureMessage: string
  /** Rejects when the action failed: the dialog stays open and says so. */
  action: () => Promise<void>
  onDone?: () => void
}

type ConfirmDialogProps = Omit<ConfirmedActionProps, 'onDone'> & {
  onCancel: () => void
  onConfirmed: () => void
}

function ConfirmDialog({
  label,
  question,
  explanation,
  failureMessage,
  action,
  onCancel,
  onConfirmed,
}: ConfirmDialogProps) {
  const { t } = useI18n()
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
    // The harmless choice takes focus, so a stray Enter cannot end sessions.
    cancelRef.current?.focus()
    return () => {
      if (typeof dialog.close === 'function') dialog.close()
    }
  }, [])

  async function confirm() {
    setPending(true)
    setFailed(false)
    try {
      await action()
      onConfirmed()
    } catch (error) {
      // Declining to confirm who they are is the person's own choice, not a failure: nothing was
      // done, so the dialog just closes.
      if (isStepUpCancelled(error)) return onCancel()
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
        <h2 id={headingId}>{question}</h2>
        <p id={descriptionId} className="muted">
          {explanation}
        </p>
        <div role="alert" className="alert">
          {failed ? failureMessage : ''}
        </div>
        <div className="dialog-actions">
          <button ref={cancelRef} type="button" className="button" onClick={onCancel}>
            {t.devices.cancel}
          </button>
          <button
            type="button"
            className="button danger"
            disabled={pending}
            aria-busy={pending}
            onClick={() => void confirm()}
          >
            {pending && <span className="spinner" aria-hidden="true" />}
            {label}
          </button>
        </div>
      </div>
    </dialog>
  )
}

/** A button whose action runs only once confirmed in a dialog; for actions that end sessions. */
export function ConfirmedAction({ onDone, ...dialog }: ConfirmedActionProps) {
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
        {dialog.label}
      </button>
      {open && (
        <ConfirmDialog
          {...dialog}
          onCancel={() => setOpen(false)}
          onConfirmed={() => {
            setOpen(false)
            onDone?.()
          }}
        />
      )}
    </>
  )
}
