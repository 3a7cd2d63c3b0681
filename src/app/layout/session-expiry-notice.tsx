import { useEffect, useState } from 'react'
import { useLocation, useNavigate } from 'react-router-dom'
import { useAuth } from '../../auth/react'
import type { Messages } from '../../i18n/catalogues'
import { useI18n } from '../../i18n/i18n-provider'
import { renewState } from '../routes/login-state'

/** How long before the session's end the notice appears. */
export const NOTICE_LEAD_MS = 5 * 60 * 1000

/**
 * The wall clock, read again every second while the session's end is near and not at all
 * before: a timer wakes the notice when the last five minutes begin.
 */
function useNowNear(endsAt: number | null): number {
  const [now, setNow] = useState(() => Date.now())
  useEffect(() => {
    if (endsAt === null) return
    let timer: ReturnType<typeof setTimeout>
    const tick = () => {
      const current = Date.now()
      setNow(current)
      const untilNotice = endsAt - NOTICE_LEAD_MS - current
      if (current < endsAt) timer = setTimeout(tick, untilNotice > 0 ? untilNotice : 1000)
    }
    tick()
    return () => clearTimeout(timer)
  }, [endsAt])
  return now
}

/** "5 minutes" down to "1 minute" (rounded up), then "59 seconds" to "1 second" in the last one. */
export function timeLeft(messages: Messages, msLeft: number): string {
  const seconds = Math.ceil(msLeft / 1000)
  return seconds >= 60
    ? messages.duration.minutes(Math.ceil(seconds / 60))
    : messages.duration.seconds(seconds)
}

/**
 * Says when the session's absolute end is less than five minutes away, and offers to sign in
 * anew on the sign-in page, coming back here after. It blocks nothing. A backend that does not
 * say when sessions end (contract v1) never shows it.
 */
export function SessionExpiryNotice() {
  const { sessionExpiresAt } = useAuth()
  const { t } = useI18n()
  const now = useNowNear(sessionExpiresAt)
  const navigate = useNavigate()
  const location = useLocation()
  const msLeft = sessionExpiresAt === null ? Infinity : sessionExpiresAt - now
  const shown = msLeft > 0 && msLeft <= NOTICE_LEAD_MS

  return (
    <div role="status" className="session-expiry">
      {shown && (
        <div className="session-expiry-notice">
          <p>{t.sessionExpiry.endsIn(timeLeft(t, msLeft))}</p>
          <button
            type="button"
            className="button small primary"
            onClick={() =>
              void navigate('/login', {
                state: renewState(location.pathname + location.search + location.hash),
              })
            }
          >
            {t.sessionExpiry.signInAgain}
          </button>
        </div>
      )}
    </div>
  )
}
