import { useQueryClient } from '@tanstack/react-query'
import { useEffect, useId, useRef, useState, type ReactNode } from 'react'
import type { AuthSession } from '../../../auth/session'
import { mockMode } from '../../../lib/env'
import { labKeys } from '../api/get-lab-config'
import {
  comeBackOnline,
  goOffline,
  openTabs,
  restoreNetwork,
  revokeFromServer,
  runBurst,
  type BurstResult,
  type OfflineResult,
  type OfflineStart,
  type OpenTabsResult,
  type RevokeResult,
} from '../experiments'
import { formatDuration } from '../format'
import { labEventLog } from '../use-lab-events'

interface Row {
  label: string
  actual: ReactNode
  ideal: ReactNode
  /** Null when there is nothing to judge. */
  ok: boolean | null
}

function ResultTable({ caption, rows }: { caption: string; rows: Row[] }) {
  return (
    <table className="lab-result">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">Measure</th>
          <th scope="col">This run</th>
          <th scope="col">Ideal</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.label} data-ok={row.ok ?? undefined}>
            <th scope="row">{row.label}</th>
            <td className="numeric">
              {row.actual}
              {row.ok !== null && (
                <span className={row.ok ? 'verdict ok' : 'verdict off'}>
                  {row.ok ? ' ✓' : ' ✗'}
                  <span className="visually-hidden">{row.ok ? ' as ideal' : ' not ideal'}</span>
                </span>
              )}
            </td>
            <td className="numeric">{row.ideal}</td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}

/** Runs one experiment at a time and keeps its error to show. */
function useRun() {
  const [running, setRunning] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const queryClient = useQueryClient()
  const run = async <T,>(task: () => Promise<T>): Promise<T | undefined> => {
    setRunning(true)
    setError(null)
    try {
      return await task()
    } catch (cause) {
      setError(cause instanceof Error ? cause.message : 'The experiment failed.')
      return undefined
    } finally {
      setRunning(false)
      // Experiments bend the backend: the controls and counters should show it at once.
      void queryClient.invalidateQueries({ queryKey: labKeys.all })
    }
  }
  return { running, error, run }
}

function Experiment({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <article className="lab-experiment" aria-labelledby={id}>
      <h3 id={id}>{title}</h3>
      {children}
    </article>
  )
}

function CountField({
  label,
  value,
  min,
  max,
  onChange,
}: {
  label: string
  value: number
  min: number
  max: number
  onChange: (value: number) => void
}) {
  const id = useId()
  return (
    <div className="lab-inline-field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        className="lab-input narrow"
        type="number"
        min={min}
        max={max}
        step={1}
        value={value}
        onChange={(event) => {
          const next = Math.round(Number(event.target.value))
          if (Number.isFinite(next)) onChange(Math.min(max, Math.max(min, next)))
        }}
      />
    </div>
  )
}

function Failure({ error }: { error: string | null }) {
  return error ? (
    <p role="alert" className="alert">
      {error}
    </p>
  ) : null
}

function BurstExperiment({ session }: { session: AuthSession }) {
  const [n, setN] = useState(20)
  const [result, setResult] = useState<BurstResult | null>(null)
  const { running, error, run } = useRun()
  return (
    <Experiment id="burst-heading" title="Burst on an expired token">
      <p className="lab-hint">
        Moves the server’s clock past this tab’s token, then sends N requests at once. Each is
        refused with 401; one refresh should serve them all, and each should be replayed once.
      </p>
      <div className="lab-actions">
        <CountField label="Requests (N)" value={n} min={1} max={100} onChange={setN} />
        <button
          type="button"
          className="button primary"
          disabled={running}
          aria-busy={running}
          onClick={() =>
            void run(() => runBurst(session, n)).then((value) => value && setResult(value))
          }
        >
          {running && <span className="spinner" aria-hidden="true" />}
          Run burst
        </button>
      </div>
      <Failure error={error} />
      <div aria-live="polite">
        {result && (
          <ResultTable
            caption={`Burst of ${result.requests} requests, ${formatDuration(result.elapsedMs)}`}
            rows={[
              {
                label: 'Refresh calls',
                actual: result.refreshCalls,
                ideal: 1,
                ok: result.refreshCalls === 1,
              },
              {
                label: 'Refused with 401',
                actual: result.refused,
                ideal: result.requests,
                ok: result.refused === result.requests,
              },
              {
                label: 'Replays',
                actual: result.replays,
                ideal: result.requests,
                ok: result.replays === result.requests,
              },
              {
                label: 'Failures',
                actual: result.failures,
                ideal: 0,
                ok: result.failures === 0,
              },
            ]}
          />
        )}
      </div>
    </Experiment>
  )
}

function OpenTabsExperiment() {
  const [k, setK] = useState(2)
  const [result, setResult] = useState<OpenTabsResult | null>(null)
  const { running, error, run } = useRun()
  const opened = useRef<Window[]>([])
  return (
    <Experiment id="tabs-heading" title="Open tabs">
      <p className="lab-hint">
        Opens K tabs of the app. Each starts with nothing in memory and restores its session from
        the cookie; tabs that load together share one refresh under the cross-tab lock. A popup
        blocker may stop all but the first.
        {mockMode === 'worker' &&
          ' In worker mode each tab has its own mock server, so new tabs will not find a session.'}
      </p>
      <div className="lab-actions">
        <CountField label="Tabs (K)" value={k} min={1} max={5} onChange={setK} />
        <button
          type="button"
          className="button primary"
          disabled={running}
          aria-busy={running}
          onClick={() =>
            void run(() => openTabs(k, labEventLog)).then((value) => {
              if (!value) return
              opened.current.push(...value.windows)
              setResult(value)
            })
          }
        >
          {running && <span className="spinner" aria-hidden="true" />}
          Open tabs
        </button>
        {result && (
          <button
            type="button"
            className="button"
            onClick={() => {
              for (const tab of opened.current) tab.close()
              opened.current = []
            }}
          >
            Close them
          </button>
        )}
      </div>
      <Failure error={error} />
      <div aria-live="polite">
        {result && (
          <ResultTable
            caption={`${result.opened} of ${result.asked} tabs opened`}
            rows={[
              {
                label: 'Tabs signed in',
                actual: result.signedIn,
                ideal: result.opened,
                ok: result.signedIn === result.opened,
              },
              {
                label: 'Refresh calls',
                actual: result.refreshCalls,
                ideal: `1 to ${result.opened}`,
                ok: result.refreshCalls >= 1 && result.refreshCalls <= result.opened,
              },
              {
                label: 'Reuse detections',
                actual: result.reuseDetections,
                ideal: 0,
                ok: result.reuseDetections === 0,
              },
              {
                label: 'Failed refreshes',
                actual: result.failedRefreshes,
                ideal: 0,
                ok: result.failedRefreshes === 0,
              },
            ]}
          />
        )}
      </div>
    </Experiment>
  )
}

function OfflineExperiment({ session }: { session: AuthSession }) {
  const [offline, setOffline] = useState<OfflineStart | null>(null)
  const [result, setResult] = useState<OfflineResult | null>(null)
  const { running, error, run } = useRun()
  // Leaving the page offline would leave every refresh failing for whoever comes next.
  const stillOffline = useRef(false)
  useEffect(() => {
    stillOffline.current = offline !== null
  }, [offline])
  useEffect(
    () => () => {
      if (stillOffline.current) void restoreNetwork().catch(() => undefined)
    },
    [],
  )

  return (
    <Experiment id="offline-heading" title="Go offline">
      <p className="lab-hint">
        Simulates a network that drops refresh calls: the server drops every refresh connection, the
        token expires on the server, and the page gets an <code>offline</code> event. Other requests
        still get through (a page cannot cut its own network). The session should survive, retry
        with backoff, and recover with one refresh when it is back online.
      </p>
      <div className="lab-actions">
        {offline ? (
          <button
            type="button"
            className="button primary"
            disabled={running}
            aria-busy={running}
            onClick={() =>
              void run(() => comeBackOnline(session, offline)).then((value) => {
                if (!value) return
                setOffline(null)
                setResult(value)
              })
            }
          >
            {running && <span className="spinner" aria-hidden="true" />}
            Back online
          </button>
        ) : (
          <button
            type="button"
            className="button primary"
            disabled={running}
            aria-busy={running}
            onClick={() =>
              void run(() => goOffline(session)).then((value) => {
                if (!value) return
                setResult(null)
                setOffline(value)
              })
            }
          >
            {running && <span className="spinner" aria-hidden="true" />}
            Go offline
          </button>
        )}
      </div>
      <Failure error={error} />
      <div aria-live="polite">
        {offline && (
          <ResultTable
            caption="Offline now: watch the refresh retries on the timeline"
            rows={[
              {
                label: 'Request that needed a refresh',
                actual: offline.requestFailed ? 'failed' : 'succeeded',
                ideal: 'failed',
                ok: offline.requestFailed,
              },
              {
                label: 'Session kept',
                actual: offline.sessionKept ? 'yes' : 'no',
                ideal: 'yes',
                ok: offline.sessionKept,
              },
            ]}
          />
        )}
        {result && (
          <ResultTable
            caption={`Offline for ${formatDuration(result.offlineForMs)}`}
            rows={[
              {
                label: 'Refresh attempts while offline',
                actual: result.refreshAttemptsOffline,
                ideal: 'a few, further apart each time',
                ok: null,
              },
              {
                label: 'Still signed in',
                actual: result.stillSignedIn ? 'yes' : 'no',
                ideal: 'yes',
                ok: result.stillSignedIn,
              },
              {
                label: 'Refresh calls to recover',
                actual: result.recovered ? result.refreshCallsToRecover : 'did not recover',
                ideal: 1,
                ok: result.recovered && result.refreshCallsToRecover === 1,
              },
            ]}
          />
        )}
      </div>
    </Experiment>
  )
}

function RevokeExperiment({ session }: { session: AuthSession }) {
  const [result, setResult] = useState<RevokeResult | null>(null)
  const { running, error, run } = useRun()
  return (
    <Experiment id="revoke-heading" title="Revoke this session on the server">
      <p className="lab-hint">
        Deletes this sign-in’s session as an administrator (or a lost-device report) would. The
        server checks every access token against its session, so the very next request is refused
        with token_invalid; the refresh that follows is refused too, and every tab of this sign-in
        is signed out.
      </p>
      <div className="lab-actions">
        <button
          type="button"
          className="button danger"
          disabled={running || result !== null}
          aria-busy={running}
          onClick={() => void run(revokeFromServer).then((value) => value && setResult(value))}
        >
          {running && <span className="spinner" aria-hidden="true" />}
          Revoke on the server
        </button>
        {result && (
          <button
            type="button"
            className="button"
            onClick={() => void session.refresh().catch(() => undefined)}
          >
            Refresh now (ends the session)
          </button>
        )}
      </div>
      <Failure error={error} />
      <div aria-live="polite">
        {result && (
          <ResultTable
            caption="Session revoked; its access token stopped working at once"
            rows={[
              {
                label: 'A request with the current token',
                actual: result.meStatus ?? 'no response',
                ideal: '401 token_invalid',
                ok: result.meStatus === 401,
              },
              {
                label: 'The next refresh',
                actual: 'not yet',
                ideal: '401 session_revoked, signed out',
                ok: null,
              },
            ]}
          />
        )}
      </div>
    </Experiment>
  )
}

/** Buttons that break things on purpose, each with its numbers beside the ideal ones. */
export function Experiments({ session }: { session: AuthSession }) {
  return (
    <section className="lab-panel" aria-labelledby="experiments-heading">
      <h2 id="experiments-heading">Experiments</h2>
      <div className="lab-experiments">
        <BurstExperiment session={session} />
        <OpenTabsExperiment />
        <OfflineExperiment session={session} />
        <RevokeExperiment session={session} />
      </div>
    </section>
  )
}
