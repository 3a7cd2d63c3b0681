import { useId } from 'react'
import type { DeviceSession } from '../../../../contract/sessions'
import { useSessions } from '../api/get-sessions'
import { useRevokeSession } from '../api/revoke-session'
import { useI18n } from '../../../i18n/i18n-provider'
import { Moment } from '../../../components/moment'
import { useNow } from '../../../lib/use-now'
import { describeUserAgent, isMobileUserAgent } from '../utils/parse-user-agent'
import { providerLabel } from '../../../i18n/provider-label'
import '../sessions.css'

function DeviceIcon({ mobile }: { mobile: boolean }) {
  return (
    <svg className="device-icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
      {mobile ? (
        <path d="M8 2h8a2 2 0 0 1 2 2v16a2 2 0 0 1-2 2H8a2 2 0 0 1-2-2V4a2 2 0 0 1 2-2Zm0 2v16h8V4H8Zm3 13h2v2h-2v-2Z" />
      ) : (
        <path d="M4 4h16a2 2 0 0 1 2 2v9a2 2 0 0 1-2 2h-6v2h3v2H7v-2h3v-2H4a2 2 0 0 1-2-2V6a2 2 0 0 1 2-2Zm0 2v9h16V6H4Z" />
      )}
    </svg>
  )
}

function DeviceRow({ session, now }: { session: DeviceSession; now: number }) {
  const nameId = useId()
  const revoke = useRevokeSession()
  const { t } = useI18n()
  return (
    <li className="card device-row" aria-current={session.current ? 'true' : undefined}>
      <DeviceIcon mobile={isMobileUserAgent(session.userAgent)} />
      <div className="device-details">
        <p className="device-name">
          <span id={nameId}>{describeUserAgent(session.userAgent, t.devices)}</span>
          {session.current && <span className="badge">{t.devices.thisDevice}</span>}
        </p>
        <p className="device-meta muted">
          <span>{providerLabel(t, session.provider)}</span>
          <span>
            {t.devices.signedIn} <Moment iso={session.createdAt} now={now} happened />
          </span>
          <span>
            {t.devices.lastActive} <Moment iso={session.lastUsedAt} now={now} happened />
          </span>
          {session.expiresAt && (
            <span>
              {t.devices.ends} <Moment iso={session.expiresAt} now={now} happened={false} />
            </span>
          )}
        </p>
        {revoke.isError && (
          <p role="alert" className="alert">
            {t.devices.revokeFailed}
          </p>
        )}
      </div>
      {!session.current && (
        <button
          type="button"
          className="button"
          aria-describedby={nameId}
          disabled={revoke.isPending}
          aria-busy={revoke.isPending}
          onClick={() => revoke.mutate(session.id)}
        >
          {revoke.isPending && <span className="spinner" aria-hidden="true" />}
          {t.devices.signOut}
        </button>
      )}
    </li>
  )
}

export function DeviceListSkeleton() {
  const { t } = useI18n()
  return (
    <div>
      <p role="status" className="visually-hidden">
        {t.devices.loading}
      </p>
      <ul className="device-list" aria-hidden="true">
        {[0, 1].map((index) => (
          <li key={index} className="card device-row skeleton-card">
            <span className="skeleton-line icon" />
            <div className="device-details">
              <span className="skeleton-line short" />
              <span className="skeleton-line" />
            </div>
          </li>
        ))}
      </ul>
    </div>
  )
}

/** Every device signed in to the account, this one first. */
export function DeviceList() {
  const sessions = useSessions()
  // Once a minute, so that "5 minutes ago" does not stand still.
  const [now] = useNow(60_000)
  const { t } = useI18n()

  if (sessions.isPending) return <DeviceListSkeleton />
  if (sessions.isError) {
    return (
      <div role="alert" className="state-message">
        <p>{t.devices.loadFailed}</p>
        <button type="button" className="button" onClick={() => void sessions.refetch()}>
          {t.errors.tryAgain}
        </button>
      </div>
    )
  }
  const ordered = [...sessions.data].sort((a, b) => Number(b.current) - Number(a.current))
  return (
    <ul className="device-list" aria-label={t.devices.listLabel}>
      {ordered.map((session) => (
        <DeviceRow key={session.id} session={session} now={now} />
      ))}
    </ul>
  )
}
