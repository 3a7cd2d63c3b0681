import type { ButtonHTMLAttributes } from 'react'

/**
 * A button that is disabled and says so while its work runs, with a spinner beside its label.
 *
 * @example
 * <BusyButton busy={running} className="button primary" onClick={start}>Run burst</BusyButton>
 */
export function BusyButton({
  busy,
  disabled = false,
  children,
  type = 'button',
  ...props
}: ButtonHTMLAttributes<HTMLButtonElement> & { busy: boolean }) {
  return (
    <button {...props} type={type} disabled={busy || disabled} aria-busy={busy}>
      {busy && <span className="spinner" aria-hidden="true" />}
      {children}
    </button>
  )
}
