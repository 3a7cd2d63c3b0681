import { isAxiosError } from 'axios'
import { useEffect, useId, useMemo, useRef, useState, useSyncExternalStore } from 'react'
import type { AuthSession } from '../../../auth/session'
import { apiClient } from '../../../lib/api-client'
import { parseProblem } from '../../../lib/problem'
import { useLabConfig } from '../api/get-lab-config'
import { callAsTheApp, type CallResult } from '../experiments'
import { formatCountdown, formatDuration } from '../format'
import { decodeToken, forgeToken, verifySignature, type SignatureVerdict } from '../jwt'

const claimMeanings: Record<string, string> = {
  iss: 'Issuer: who made the token',
  aud: 'Audience: which API it is for',
  sub: 'Subject: the user',
  sid: 'Session: the sign-in (refresh-token family) it belongs to',
  jti: 'Token id: unique to this token',
  iat: 'Issued at',
  exp: 'Expires at',
  name: 'Display name',
}

const TIME_CLAIMS = new Set(['iat', 'exp', 'nbf'])

/** The server's clock, as the lab has set it: expiry is the server's judgement, not ours. */
function useServerNow(): number {
  const skewSec = useLabConfig().data?.serverClockSkewSec ?? 0
  const [now, setNow] = useState(() => Date.now())
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000)
    return () => clearInterval(timer)
  }, [])
  return now + skewSec * 1000
}

/** The token this tab holds now; changes at every refresh (read only to compare, never shown). */
function useCurrentTokenValue(session: AuthSession): string | null {
  return useSyncExternalStore(
    (onChange) => session.onEvent(() => onChange()),
    () => session.accessToken()?.value ?? null,
  )
}

interface SendResult {
  status: number | null
  code: string | null
  title: string | null
}

async function sendToMe(token: string): Promise<SendResult> {
  try {
    // skipAuth: this request carries exactly the token given, and a 401 must not trigger a refresh.
    const response = await apiClient.get('/me', {
      skipAuth: true,
      headers: { Authorization: `Bearer ${token}` },
    })
    return { status: response.status, code: null, title: null }
  } catch (error) {
    if (!isAxiosError(error)) throw error
    const problem = parseProblem(error.response?.data)
    return {
      status: error.response?.status ?? null,
      code: problem?.code ?? null,
      title: problem?.title ?? null,
    }
  }
}

function SendOutcome({ result, label }: { result: SendResult; label: string }) {
  return (
    <p className={result.status === 200 ? 'notice' : 'alert'}>
      {label}: <strong>{result.status ?? 'no response'}</strong>
      {result.code && (
        <>
          {' '}
          <code>{result.code}</code>
        </>
      )}
      {result.title && ` (${result.title})`}
    </p>
  )
}

function Verdict({ verdict }: { verdict: SignatureVerdict | null }) {
  if (!verdict) return <p className="muted">Checking the signature…</p>
  if (verdict.kind === 'secret') {
    return (
      <p className="notice">
        <strong>{verdict.alg}: cannot be verified here.</strong> The server signs and verifies with
        one shared secret, and publishing it would let anyone forge tokens. With ES256 the server
        signs with a private key and publishes only the public one, so any client or service can
        check a token without being able to make one.
      </p>
    )
  }
  if (verdict.kind === 'invalid') {
    return (
      <p className="alert">
        <strong>Signature invalid.</strong> {verdict.reason}
      </p>
    )
  }
  return (
    <p className="notice">
      <strong>Signature valid ({verdict.alg}).</strong> Checked in this browser with jose against
      the public key <code>{verdict.kid ?? '(no kid)'}</code> from{' '}
      <code>/api/.well-known/jwks.json</code>.
      {verdict.expired && ' The token has expired by the server’s clock, though.'}
    </p>
  )
}

function ClaimValue({
  name,
  value,
  serverNow,
}: {
  name: string
  value: unknown
  serverNow: number
}) {
  if (TIME_CLAIMS.has(name) && typeof value === 'number') {
    const at = value * 1000
    const diff = at - serverNow
    return (
      <>
        <code>{value}</code> ={' '}
        <time dateTime={new Date(at).toISOString()}>{new Date(at).toLocaleString()}</time>{' '}
        <span className="muted">
          ({diff >= 0 ? `in ${formatDuration(diff)}` : `${formatDuration(-diff)} ago`})
        </span>
      </>
    )
  }
  return <code>{JSON.stringify(value)}</code>
}

function Tamper({ token, claims }: { token: string; claims: Record<string, unknown> }) {
  const claimId = useId()
  const valueId = useId()
  const kindId = useId()
  const names = Object.keys(claims)
  const [kind, setKind] = useState<'claim' | 'alg-none'>('claim')
  const [claim, setClaim] = useState(names.includes('sub') ? 'sub' : (names[0] ?? 'sub'))
  const [value, setValue] = useState(() => String(claims[claim] ?? ''))
  const [forged, setForged] = useState<{ token: string; result: SendResult } | null>(null)
  const [original, setOriginal] = useState<SendResult | null>(null)
  const [sending, setSending] = useState(false)

  const before = claims[claim]
  const parsedValue = typeof before === 'number' ? Number(value) : value
  const invalid = typeof parsedValue === 'number' && !Number.isFinite(parsedValue)

  async function send(which: 'forged' | 'original'): Promise<void> {
    setSending(true)
    try {
      if (which === 'original') {
        setOriginal(await sendToMe(token))
        return
      }
      const forgedToken = forgeToken(
        token,
        kind === 'alg-none' ? { kind } : { kind, claim, value: parsedValue },
      )
      setForged({ token: forgedToken, result: await sendToMe(forgedToken) })
    } finally {
      setSending(false)
    }
  }

  return (
    <section className="jwt-tamper" aria-labelledby="tamper-heading">
      <h3 id="tamper-heading">Tamper with it</h3>
      <p className="lab-hint">
        Change the token and send it to <code>GET /api/me</code> as it is, with no refresh: the
        server recomputes the signature over what it receives, and a single changed byte breaks it.
      </p>
      <form
        className="lab-actions"
        onSubmit={(event) => {
          event.preventDefault()
          void send('forged')
        }}
      >
        <div className="lab-inline-field">
          <label htmlFor={kindId}>Forgery</label>
          <select
            id={kindId}
            className="lab-input"
            value={kind}
            onChange={(event) => setKind(event.target.value === 'alg-none' ? 'alg-none' : 'claim')}
          >
            <option value="claim">Change a claim, keep the signature</option>
            <option value="alg-none">Say alg: none and drop the signature</option>
          </select>
        </div>
        {kind === 'claim' && (
          <>
            <div className="lab-inline-field">
              <label htmlFor={claimId}>Claim</label>
              <select
                id={claimId}
                className="lab-input"
                value={claim}
                onChange={(event) => {
                  setClaim(event.target.value)
                  setValue(String(claims[event.target.value] ?? ''))
                }}
              >
                {names.map((name) => (
                  <option key={name} value={name}>
                    {name}
                  </option>
                ))}
              </select>
            </div>
            <div className="lab-inline-field">
              <label htmlFor={valueId}>New value</label>
              <input
                id={valueId}
                className="lab-input"
                value={value}
                inputMode={typeof before === 'number' ? 'numeric' : 'text'}
                aria-invalid={invalid}
                onChange={(event) => setValue(event.target.value)}
              />
            </div>
          </>
        )}
        <button type="submit" className="button primary" disabled={sending || invalid}>
          Send the forged token
        </button>
        <button
          type="button"
          className="button"
          disabled={sending}
          onClick={() => void send('original')}
        >
          Send it unchanged
        </button>
      </form>
      <div aria-live="polite">
        {original && <SendOutcome result={original} label="Unchanged token" />}
        {forged && (
          <>
            <SendOutcome result={forged.result} label="Forged token" />
            <details>
              <summary>The forged token</summary>
              <code className="jwt-raw">{forged.token}</code>
            </details>
          </>
        )}
      </div>
    </section>
  )
}

function TokenDetails({ token, serverNow }: { token: string; serverNow: number }) {
  const decoded = useMemo(() => decodeToken(token), [token])
  const [verdict, setVerdict] = useState<{ token: string; verdict: SignatureVerdict } | null>(null)
  const { header, claims, parts } = decoded
  const exp = typeof claims.exp === 'number' ? claims.exp * 1000 : null

  // The clock ticks every second; the token is verified once, at the time it is shown.
  const verifiedAt = useRef(serverNow)
  useEffect(() => {
    let current = true
    void verifySignature(token, new Date(verifiedAt.current)).then((result) => {
      if (current) setVerdict({ token, verdict: result })
    })
    return () => {
      current = false
    }
  }, [token])

  return (
    <div className="jwt-details">
      <p className="jwt-raw" aria-label="The token, in three parts: header, payload, signature">
        <span className="jwt-part header">{parts[0]}</span>.
        <span className="jwt-part payload">{parts[1]}</span>.
        <span className="jwt-part signature">{parts[2]}</span>
      </p>
      {exp !== null && (
        <p className="jwt-countdown">
          {exp > serverNow ? 'Expires in ' : 'Expired '}
          {/* A timer is not announced as it ticks: a screen reader reads it when asked. */}
          <span role="timer" aria-live="off" className="numeric">
            {formatCountdown(exp - serverNow)}
          </span>
          {exp <= serverNow && ' ago'} by the server’s clock.
        </p>
      )}
      <div className="jwt-columns">
        <table className="jwt-table">
          <caption>Header</caption>
          <tbody>
            {Object.entries(header).map(([name, value]) => (
              <tr key={name}>
                <th scope="row">
                  <code>{name}</code>
                </th>
                <td>
                  <code>{JSON.stringify(value)}</code>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <table className="jwt-table">
          <caption>Claims</caption>
          <tbody>
            {Object.entries(claims).map(([name, value]) => (
              <tr key={name}>
                <th scope="row">
                  <code>{name}</code>
                  {claimMeanings[name] && (
                    <span className="jwt-meaning">{claimMeanings[name]}</span>
                  )}
                </th>
                <td>
                  <ClaimValue name={name} value={value} serverNow={serverNow} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <Verdict verdict={verdict?.token === token ? verdict.verdict : null} />
      <p className="lab-hint">
        Anyone holding the token can read all of this: a JWT is signed, not encrypted. That is why
        it carries ids and a name, never secrets, and why this app keeps it in memory only.
      </p>
      <Tamper key={token} token={token} claims={claims} />
    </div>
  )
}

/** Uses the token as every feature does, to see the server take it or the core replace it. */
function CallAsTheApp({ session }: { session: AuthSession }) {
  const [result, setResult] = useState<CallResult | null>(null)
  const [calling, setCalling] = useState(false)
  return (
    <div className="lab-actions jwt-call">
      <button
        type="button"
        className="button small"
        disabled={calling}
        onClick={() => {
          setCalling(true)
          void callAsTheApp(session)
            .then(setResult)
            .finally(() => setCalling(false))
        }}
      >
        Call /api/me as the app does
      </button>
      <p aria-live="polite" className="lab-note">
        {result &&
          `GET /api/me → ${result.status ?? 'no response'}${
            result.replayed
              ? ': refused at first, then one refresh and a replay.'
              : ': accepted as it was.'
          }`}
      </p>
    </div>
  )
}

/**
 * The access token this tab holds, decoded and checked, but only when asked for: it stays in this
 * component's state (never storage, never a log) and is gone when hidden or when the page is left.
 */
export function JwtInspector({ session }: { session: AuthSession }) {
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
        <h2 id="jwt-heading">JWT inspector</h2>
        {token ? (
          <button type="button" className="button small" onClick={() => setToken(null)}>
            Hide the token
          </button>
        ) : (
          <button type="button" className="button small primary" onClick={show}>
            Show my access token
          </button>
        )}
      </div>
      {!token && (
        <p className="muted lab-note">
          The access token is a credential: it is shown only when you ask, kept in this panel’s
          memory, and dropped when you hide it or leave the page.
        </p>
      )}
      <CallAsTheApp session={session} />
      {missing && <p className="alert">This tab holds no access token right now.</p>}
      {token && current !== null && current !== token && (
        <p className="notice inline-alert">
          This tab has received a newer token since.
          <button type="button" className="button small" onClick={show}>
            Show the current one
          </button>
        </p>
      )}
      {token && <TokenDetails key={token} token={token} serverNow={serverNow} />}
    </section>
  )
}
