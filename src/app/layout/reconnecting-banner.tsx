import { useAuth } from '../../auth'
import { useI18n } from '../../i18n/i18n-provider'

/**
 * Says so while a refresh is being retried after a network error or a server failure. It floats
 * above the page and takes no room, so nothing moves when it comes and goes, and the page stays
 * usable underneath. The live region is always there so that screen readers announce the change.
 */
export function ReconnectingBanner() {
  const { isReconnecting } = useAuth()
  const { t } = useI18n()
  return (
    <div role="status" className="reconnecting-banner">
      {isReconnecting && (
        <span className="reconnecting-pill">
          <span className="spinner" aria-hidden="true" />
          {t.nav.reconnecting}
        </span>
      )}
    </div>
  )
}
