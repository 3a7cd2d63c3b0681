import { useId, useState } from 'react'
import { problemOf } from '../../../lib/problem'
import {
  LAB_LOCKED,
  LAB_NUMBER_SETTINGS,
  REFRESH_FAILURES,
  SIGNING_ALGS,
  type LabConfig,
} from '../../../../contract/lab'
import { Fill } from '../../../i18n/fill'
import { useLabConfig } from '../api/get-lab-config'
import { useLabStats } from '../api/get-lab-stats'
import { useResetLab } from '../api/reset-lab'
import { useUpdateLabConfig } from '../api/update-lab-config'
import { useLabI18n, type LabAwareMessages } from '../lab-i18n'
import { NumberSetting } from './number-setting'
import { ServerCounters } from './server-counters'

/** A refusal in the lab's words; its detail (which field, which limit) is for the developer. */
function errorMessage(t: LabAwareMessages, error: unknown): string {
  const problem = problemOf(error)
  if (!problem) return t.lab.backend.unreachable
  if (problem.code === LAB_LOCKED) return t.lab.backend.locked
  return t.lab.backend.refused(problem.detail ?? problem.code)
}

/**
 * Every setting of the mock backend as a control, applied as soon as it changes, with the
 * server's own counters polled live beside them.
 */
export function BackendControls() {
  const { t } = useLabI18n()
  const words = t.lab.backend
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
      onSuccess: () => setSaved(words.applied(what)),
      onSettled: () => setOptimistic((current) => (current === patch ? {} : current)),
    })
  }
  const shown: LabConfig | undefined = config.data && { ...config.data, ...optimistic }

  return (
    <section className="lab-panel" aria-labelledby="backend-heading">
      <div className="lab-panel-heading">
        <h2 id="backend-heading">{words.heading}</h2>
        <button
          type="button"
          className="button small"
          disabled={reset.isPending}
          onClick={() =>
            reset.mutate(undefined, {
              onSuccess: () => setSaved(words.resetDone),
            })
          }
        >
          {words.reset}
        </button>
      </div>
      <ServerCounters stats={stats.data} />
      {config.isError && (
        <p role="alert" className="alert">
          {errorMessage(t, config.error)}
        </p>
      )}
      {shown && (
        <form className="lab-controls" onSubmit={(event) => event.preventDefault()}>
          {LAB_NUMBER_SETTINGS.map((setting) => (
            <NumberSetting
              key={setting}
              setting={setting}
              value={shown[setting]}
              onCommit={(value) => apply({ [setting]: value }, words.settings[setting].label)}
            />
          ))}
          <div className="lab-field">
            <label htmlFor={failureId}>{words.failure.label}</label>
            <select
              id={failureId}
              className="lab-input"
              value={shown.refreshFailure}
              aria-describedby={`${failureId}-hint`}
              onChange={(event) => {
                const value = REFRESH_FAILURES.find((option) => option === event.target.value)
                if (value) apply({ refreshFailure: value }, words.failure.label)
              }}
            >
              {REFRESH_FAILURES.map((option) => (
                <option key={option} value={option}>
                  {words.failure.options[option]}
                </option>
              ))}
            </select>
            <p id={`${failureId}-hint`} className="lab-hint">
              {words.failure.hint}
            </p>
          </div>
          <fieldset className="lab-field lab-radios">
            <legend>{words.signing.legend}</legend>
            {SIGNING_ALGS.map((alg) => (
              <label key={alg}>
                <input
                  type="radio"
                  name="signingAlg"
                  value={alg}
                  checked={shown.signingAlg === alg}
                  onChange={() => apply({ signingAlg: alg }, words.signing.applied(alg))}
                />
                {alg}
              </label>
            ))}
            <p className="lab-hint">
              {words.signing.hints[shown.signingAlg]}{' '}
              <Fill text={words.signing.switching} values={{ code: <code>token_invalid</code> }} />
            </p>
          </fieldset>
        </form>
      )}
      <p role="status" className="lab-status">
        {update.isError
          ? errorMessage(t, update.error)
          : reset.isError
            ? errorMessage(t, reset.error)
            : saved}
      </p>
    </section>
  )
}
