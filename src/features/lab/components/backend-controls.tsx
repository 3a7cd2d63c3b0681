import { useEffect, useId, useRef, useState } from 'react'
import { problemOf } from '../../../lib/problem'
import {
  LAB_NUMBER_BOUNDS,
  REFRESH_FAILURES,
  SIGNING_ALGS,
  type LabConfig,
  type LabNumberSetting,
  type LabStats,
} from '../../../../contract/lab'
import { useLabConfig } from '../api/get-lab-config'
import { useLabStats } from '../api/get-lab-stats'
import { useResetLab } from '../api/reset-lab'
import { useUpdateLabConfig } from '../api/update-lab-config'

/** The numeric settings; their units and limits are the contract's (`LAB_NUMBER_BOUNDS`). */
const numberFields: ReadonlyArray<{ key: LabNumberSetting; label: string; hint: string }> = [
  {
    key: 'accessTokenTtlSec',
    label: 'Access token lifetime',
    hint: 'For tokens issued from now on. 5 s makes the refresh cycle easy to watch.',
  },
  {
    key: 'refreshTokenTtlSec',
    label: 'Session lifetime (absolute)',
    hint: 'How long a sign-in lasts however often it refreshes; rotation never extends it.',
  },
  {
    key: 'refreshIdleTtlSec',
    label: 'Idle timeout',
    hint: 'A session that has not refreshed for this long ends.',
  },
  {
    key: 'refreshReuseGraceSec',
    label: 'Reuse grace window',
    hint: 'A rotated refresh token presented again within this window gets the same answer instead of revoking the session.',
  },
  {
    key: 'latencyMs',
    label: 'API latency',
    hint: 'Added to every API call but refresh.',
  },
  {
    key: 'refreshLatencyMs',
    label: 'Refresh latency',
    hint: 'Added to the refresh call: a slow refresh lets more requests pile up behind it.',
  },
  {
    key: 'serverClockSkewSec',
    label: 'Server clock skew',
    hint: 'Moves the server’s clock. Past a token’s lifetime, every token it holds is expired.',
  },
]

const failureLabels: Record<LabConfig['refreshFailure'], string> = {
  none: 'None: refresh works',
  unauthorized: 'Refused (401 refresh_invalid): ends the session',
  server_error: 'Server error (500): session kept, retried',
  network: 'Network error (connection dropped): session kept, retried',
}

const algHints: Record<LabConfig['signingAlg'], string> = {
  ES256: 'ES256: signed with a private key; anyone can verify with the public key.',
  HS256: 'HS256: one shared secret signs and verifies; only the server can check it.',
}

function errorMessage(error: unknown): string {
  const problem = problemOf(error)
  if (problem) return `${problem.title}${problem.detail ? ` ${problem.detail}` : ''}`
  return 'The lab could not be reached.'
}

/** A number input that sends its value when it settles: on Enter, on leaving, or after a pause. */
function NumberControl({
  field,
  value,
  onCommit,
}: {
  field: (typeof numberFields)[number]
  value: number
  onCommit: (value: number) => void
}) {
  const id = useId()
  const { unit, min, max } = LAB_NUMBER_BOUNDS[field.key]
  // Null while the person is not editing: the field shows the server's value (a reset, another
  // tab), and only their own typing overrides it.
  const [draft, setDraft] = useState<string | null>(null)
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null)
  useEffect(() => () => clearTimeout(timer.current ?? undefined), [])

  function commit(text: string): void {
    if (timer.current) clearTimeout(timer.current)
    timer.current = null
    const next = Number(text)
    if (text.trim() === '' || !Number.isInteger(next) || next === value) return
    onCommit(next)
  }

  return (
    <div className="lab-field">
      <label htmlFor={id}>
        {field.label} <span className="muted">({unit})</span>
      </label>
      <input
        id={id}
        className="lab-input"
        type="number"
        inputMode="numeric"
        min={min}
        max={max}
        step={1}
        value={draft ?? String(value)}
        aria-describedby={`${id}-hint`}
        onChange={(event) => {
          const text = event.target.value
          setDraft(text)
          if (timer.current) clearTimeout(timer.current)
          timer.current = setTimeout(() => commit(text), 600)
        }}
        onKeyDown={(event) => {
          if (event.key === 'Enter') commit(event.currentTarget.value)
        }}
        onBlur={(event) => {
          commit(event.target.value)
          setDraft(null)
        }}
      />
      <p id={`${id}-hint`} className="lab-hint">
        {field.hint}
      </p>
    </div>
  )
}

function Stats({ stats }: { stats: LabStats | undefined }) {
  const entries: ReadonlyArray<[keyof LabStats, string]> = [
    ['loginCalls', 'Sign-ins'],
    ['refreshCalls', 'Refresh calls'],
    ['refreshSucceeded', 'Refreshes that succeeded'],
    ['reuseDetections', 'Reuse detections'],
    ['rejectedAccessTokens', 'Access tokens refused (401)'],
    ['activeSessions', 'Active sessions'],
  ]
  return (
    <div role="group" aria-label="Server counters since the last reset">
      <dl className="lab-stats">
        {entries.map(([key, label]) => (
          <div key={key}>
            <dt>{label}</dt>
            <dd>{stats ? stats[key] : '–'}</dd>
          </div>
        ))}
      </dl>
    </div>
  )
}

/**
 * Every setting of the mock backend as a control, applied as soon as it changes, with the
 * server's own counters polled live beside them.
 */
export function BackendControls() {
  const config = useLabConfig()
  const stats = useLabStats()
  const update = useUpdateLabConfig()
  const reset = useResetLab()
  const failureId = useId()
  const [saved, setSaved] = useState('')

  // A change shows at once (a controlled radio would otherwise spring back until the server
  // answers); the server's answer then replaces it, or, if refused, the old value returns.
  const [optimistic, setOptimistic] = useState<Partial<LabConfig>>({})
  const apply = (patch: Partial<LabConfig>, what: string) => {
    setOptimistic(patch)
    update.mutate(patch, {
      onSuccess: () => setSaved(`${what} applied.`),
      onSettled: () => setOptimistic((current) => (current === patch ? {} : current)),
    })
  }
  const shown: LabConfig | undefined = config.data && { ...config.data, ...optimistic }

  return (
    <section className="lab-panel" aria-labelledby="backend-heading">
      <div className="lab-panel-heading">
        <h2 id="backend-heading">Backend</h2>
        <button
          type="button"
          className="button small"
          disabled={reset.isPending}
          onClick={() =>
            reset.mutate(undefined, {
              onSuccess: () =>
                setSaved(
                  'Backend reset: defaults, zero counters, seed data, and every session revoked. This tab stays signed in until its next refresh is refused.',
                ),
            })
          }
        >
          Reset backend
        </button>
      </div>
      <Stats stats={stats.data} />
      {config.isError && (
        <p role="alert" className="alert">
          {errorMessage(config.error)}
        </p>
      )}
      {shown && (
        <form className="lab-controls" onSubmit={(event) => event.preventDefault()}>
          {numberFields.map((field) => (
            <NumberControl
              key={field.key}
              field={field}
              value={shown[field.key]}
              onCommit={(value) => apply({ [field.key]: value }, field.label)}
            />
          ))}
          <div className="lab-field">
            <label htmlFor={failureId}>Refresh failure</label>
            <select
              id={failureId}
              className="lab-input"
              value={shown.refreshFailure}
              aria-describedby={`${failureId}-hint`}
              onChange={(event) => {
                const value = REFRESH_FAILURES.find((option) => option === event.target.value)
                if (value) apply({ refreshFailure: value }, 'Refresh failure')
              }}
            >
              {REFRESH_FAILURES.map((option) => (
                <option key={option} value={option}>
                  {failureLabels[option]}
                </option>
              ))}
            </select>
            <p id={`${failureId}-hint`} className="lab-hint">
              What every refresh call gets until this is set back to none.
            </p>
          </div>
          <fieldset className="lab-field lab-radios">
            <legend>Signing algorithm</legend>
            {SIGNING_ALGS.map((alg) => (
              <label key={alg}>
                <input
                  type="radio"
                  name="signingAlg"
                  value={alg}
                  checked={shown.signingAlg === alg}
                  onChange={() => apply({ signingAlg: alg }, `Signing with ${alg}`)}
                />
                {alg}
              </label>
            ))}
            <p className="lab-hint">
              {algHints[shown.signingAlg]} Switching makes the server refuse the token this tab
              holds (<code>token_invalid</code>): the next request refreshes once and carries on.
            </p>
          </fieldset>
        </form>
      )}
      <p role="status" className="lab-status">
        {update.isError
          ? errorMessage(update.error)
          : reset.isError
            ? errorMessage(reset.error)
            : saved}
      </p>
    </section>
  )
}
