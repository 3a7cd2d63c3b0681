import { useQuery } from '@tanstack/react-query'
import { useEffect, useRef } from 'react'
import { useAuth } from '../../../auth'
import type { DeviceSession } from '../../../../contract/sessions'
import { sessionsQueryOptions } from '../api/get-sessions'
import { useI18n } from '../../../i18n/i18n-provider'
import { providerLabel } from '../../../i18n/provider-label'
import { socialProviderSchema } from '../../../../contract/providers'
import { ProviderLogo } from '../../../components/provider-logo'
import './session-provider-menu.css'

/**
 * Which provider this session came from is the server's to say: the access token is not read
 * here, and a session restored after a reload never saw how it was started. The device list
 * already asks the server; this reads the same cached answer.
 */
const currentProvider = (sessions: DeviceSession[]) =>
  sessions.find((session) => session.current)?.provider ?? null

function ProviderMark({ provider }: { provider: string }) {
  const social = socialProviderSchema.safeParse(provider)
  if (!social.success) return null
  return (
    <span className={`provider-mark ${social.data}`} aria-hidden="true">
      <ProviderLogo provider={social.data} />
    </span>
  )
}

interface SessionProviderMenuProps {
  /** The account's sign-in methods as last heard, which a link or an unlink changes at once. */
  linkedMethods: readonly string[]
}

/**
 * A header badge naming how this session was signed in, opening onto the account's linked
 * sign-in methods. Closes on Escape and on a click elsewhere, as a menu should.
 */
export function SessionProviderMenu({ linkedMethods }: SessionProviderMenuProps) {
  const { user } = useAuth()
  const { t } = useI18n()
  const { data: provider } = useQuery({
    ...sessionsQueryOptions(),
    select: currentProvider,
    // A session's provider never changes; the device list refetches the list for its own needs.
    staleTime: Infinity,
  })
  const menuRef = useRef<HTMLDetailsElement>(null)

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      const menu = menuRef.current
      if (event.key !== 'Escape' || !menu?.open) return
      menu.open = false
      menu.querySelector('summary')?.focus()
    }
    const onClick = (event: MouseEvent) => {
      const menu = menuRef.current
      if (menu?.open && !(event.target instanceof Node && menu.contains(event.target))) {
        menu.open = false
      }
    }
    document.addEventListener('keydown', onKeyDown)
    document.addEventListener('click', onClick)
    return () => {
      document.removeEventListener('keydown', onKeyDown)
      document.removeEventListener('click', onClick)
    }
  }, [])

  if (!user || !provider) return null
  const label = providerLabel(t, provider)
  return (
    <details className="provider-menu" ref={menuRef}>
      <summary aria-label={t.social.signedInWith(label)}>
        <ProviderMark provider={provider} />
        {label}
      </summary>
      <div className="provider-menu-panel">
        <p>
          {t.social.sessionSignedInWith} <strong>{label}</strong>
        </p>
        <p className="muted">{t.social.linkedMethods}</p>
        <ul aria-label={t.social.linkedMethodsLabel}>
          {linkedMethods.map((linked) => (
            <li key={linked}>{providerLabel(t, linked)}</li>
          ))}
        </ul>
      </div>
    </details>
  )
}
