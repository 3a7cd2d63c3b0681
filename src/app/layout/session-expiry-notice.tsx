import { useEffect, useState } from 'react'
import { useLocation, useNavigate } from 'react-router-dom'
import { useAuth } from '../../auth'
import type { Messages } from '../../i18n/catalogues'
import { useI18n } from '../../i18n/i18n-provider'
import { paths } from '../paths'
import { loginState } from '../routes/login-state'

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
 * What a screen reader hears in the last minute: the time rounded up to the next of 1 minute,
 * 30 and 10 seconds, so the live region changes three times, not sixty.
 */
export function spokenTimeLeft(messages: Messages, msLeft: number): string {
  const seconds = Math.ceil(msLeft / 1000)
  if (seconds >= 60) return timeLeft(messages, msLeft)
  return timeLeft(messages, (seconds > 30 ? 60 : seconds > 10 ? 30 : 10) * 1000)
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
          {msLeft > 59_000 ? (
            <p>{t.sessionExpiry.endsIn(timeLeft(t, msLeft))}</p>
          ) : (
            // The last minute counts every second on screen; the live region only at milestones.
            <>
              <p aria-hidden="true">{t.sessionExpiry.endsIn(timeLeft(t, msLeft))}</p>
              <p className="visually-hidden">{t.sessionExpiry.endsIn(spokenTimeLeft(t, msLeft))}</p>
            </>
          )}
          <button
            type="button"
            className="button small primary"
            onClick={() =>
              void navigate(paths.login, {
                state: loginState(location.pathname + location.search + location.hash, {
                  renew: true,
                }),
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
