import { useEffect, useId, useRef, useState, type ReactNode } from 'react'
import { useLocation } from 'react-router-dom'
import { useI18n } from '../../i18n/i18n-provider'

/**
 * The header's account tools (language, who is signed in, account, sign out). Wide screens show
 * them in the header's row and the toggle is hidden; narrow ones fold them behind a "Menu"
 * disclosure button, so the brand and the page's navigation keep their room. The button says
 * whether the panel is open (`aria-expanded`); Escape closes it and gives focus back to the
 * button, and moving to another page closes it.
 */
export function HeaderMenu({ children }: { children: ReactNode }) {
  const { t } = useI18n()
  const panelId = useId()
  const toggle = useRef<HTMLButtonElement>(null)
  const { pathname } = useLocation()
  // Open on the page it was opened on only: choosing a page closes it without an effect.
  const [openOn, setOpenOn] = useState<string | null>(null)
  const open = openOn === pathname

  useEffect(() => {
    if (!open) return
    const closeOnEscape = (event: KeyboardEvent) => {
      if (event.key !== 'Escape') return
      setOpenOn(null)
      toggle.current?.focus()
    }
    document.addEventListener('keydown', closeOnEscape)
    return () => document.removeEventListener('keydown', closeOnEscape)
  }, [open])

  return (
    <>
      <button
        ref={toggle}
        type="button"
        className="button menu-toggle"
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => setOpenOn(open ? null : pathname)}
      >
        <span className="menu-icon" aria-hidden="true" />
        {t.account.menu}
      </button>
      <div id={panelId} className="account" data-open={open}>
        {children}
      </div>
    </>
  )
}
