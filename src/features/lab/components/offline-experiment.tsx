import { useEffect, useRef, useState } from 'react'
import type { AuthSession } from '../../../auth'
import { Fill } from '../../../i18n/fill'
import { useLabI18n } from '../lab-i18n'
import {
  comeBackOnline,
  goOffline,
  restoreNetwork,
  type OfflineResult,
  type OfflineStart,
} from '../experiments'
import { BusyButton } from './busy-button'
import { Experiment } from './experiment'
import { ResultTable } from './result-table'
import { useExperimentRun } from './use-experiment-run'

/** Refresh calls cut off, then let through again: the session should ride it out. */
export function OfflineExperiment({ session }: { session: AuthSession }) {
  const { t, format } = useLabI18n()
  const said = t.lab.experiments.offline
  const { yes, no, failedValue, succeededValue } = t.lab.experiments
  const [offline, setOffline] = useState<OfflineStart | null>(null)
  const [result, setResult] = useState<OfflineResult | null>(null)
  const { running, error, run } = useExperimentRun()
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
    <Experiment
      id="offline-heading"
      title={said.title}
      hint={<Fill text={said.hint} values={{ event: <code>offline</code> }} />}
      error={error}
      actions={
        offline ? (
          <BusyButton
            busy={running}
            className="button primary"
            onClick={() =>
              run(
                () => comeBackOnline(session, offline),
                (value) => {
                  setOffline(null)
                  setResult(value)
                },
              )
            }
          >
            {said.backOnline}
          </BusyButton>
        ) : (
          <BusyButton
            busy={running}
            className="button primary"
            onClick={() =>
              run(
                () => goOffline(session),
                (value) => {
                  setResult(null)
                  setOffline(value)
                },
              )
            }
          >
            {said.goOffline}
          </BusyButton>
        )
      }
    >
      {offline && (
        <ResultTable
          caption={said.nowCaption}
          rows={[
            {
              label: said.requestNeedingRefresh,
              actual: offline.requestFailed ? failedValue : succeededValue,
              ideal: failedValue,
              ok: offline.requestFailed,
            },
            {
              label: said.sessionKept,
              actual: offline.sessionKept ? yes : no,
              ideal: yes,
              ok: offline.sessionKept,
            },
          ]}
        />
      )}
      {result && (
        <ResultTable
          caption={said.caption(format.duration(result.offlineForMs))}
          rows={[
            {
              label: said.attempts,
              actual: result.refreshAttemptsOffline,
              ideal: said.attemptsIdeal,
              ok: null,
            },
            {
              label: said.stillSignedIn,
              actual: result.stillSignedIn ? yes : no,
              ideal: yes,
              ok: result.stillSignedIn,
            },
            {
              label: said.toRecover,
              actual: result.recovered ? result.refreshCallsToRecover : said.didNotRecover,
              ideal: 1,
              ok: result.recovered && result.refreshCallsToRecover === 1,
            },
          ]}
        />
      )}
    </Experiment>
  )
}
