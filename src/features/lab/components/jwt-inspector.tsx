import { useState } from 'react'
import type { AuthSession } from '../../../auth'
import { useLabI18n } from '../lab-i18n'
import { CallAsTheApp } from './call-as-the-app'
import { TokenDetails } from './token-details'
import { useCurrentTokenValue } from './use-current-token-value'
import { useServerNow } from './use-server-now'

/**
 * The access token this tab holds, decoded and checked, but only when asked for: it stays in this
 * component's state (never storage, never a log) and is gone when hidden or when the page is left.
 */
export function JwtInspector({ session }: { session: AuthSession }) {
  const { t } = useLabI18n()
  const said = t.lab.jwt
  const [token, setToken] = useState<string | null>(null)
  const [missing, setMissing] = useState(false)
  const current = useCurrentTokenValue(session)
  const serverNow = useServerNow()

  function show(): void {
    const value = session.accessToken()?.value ?? null
    setMissing(value === null)
    setToken(value)
  }

  return (
    <section className="lab-panel" aria-labelledby="jwt-heading">
      <div className="lab-panel-heading">
        <h2 id="jwt-heading">{t.lab.jwtInspector}</h2>
        {token ? (
          <button type="button" className="button small" onClick={() => setToken(null)}>
            {said.hide}
          </button>
        ) : (
          <button type="button" className="button small primary" onClick={show}>
            {said.show}
          </button>
        )}
      </div>
      {!token && <p className="muted lab-note">{said.note}</p>}
      <CallAsTheApp session={session} />
      {missing && <p className="alert">{said.noToken}</p>}
      {token && current !== null && current !== token && (
        <p className="notice inline-alert">
          {said.newer}
          <button type="button" className="button small" onClick={show}>
            {said.showCurrent}
          </button>
        </p>
      )}
      {token && <TokenDetails key={token} token={token} serverNow={serverNow} />}
    </section>
  )
}
