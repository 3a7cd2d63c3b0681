import { useState } from 'react'
import type { AuthSession } from '../../../auth'
import { useLabI18n } from '../lab-i18n'
import { runBurst, type BurstResult } from '../experiments'
import { BusyButton } from './busy-button'
import { CountField } from './count-field'
import { Experiment } from './experiment'
import { ResultTable } from './result-table'
import { useExperimentRun } from './use-experiment-run'

/** N requests at once on a token the server calls expired: one refresh should serve them all. */
export function BurstExperiment({ session }: { session: AuthSession }) {
  const { t, format } = useLabI18n()
  const said = t.lab.experiments.burst
  const [n, setN] = useState(20)
  const [result, setResult] = useState<BurstResult | null>(null)
  const { running, error, run } = useExperimentRun()
  return (
    <Experiment
      id="burst-heading"
      title={said.title}
      hint={said.hint}
      error={error}
      actions={
        <>
          <CountField label={said.count} value={n} min={1} max={100} onChange={setN} />
          <BusyButton
            busy={running}
            className="button primary"
            onClick={() => run(() => runBurst(session, n), setResult)}
          >
            {said.run}
          </BusyButton>
        </>
      }
    >
      {result && (
        <ResultTable
          caption={said.caption(result.requests, format.duration(result.elapsedMs))}
          rows={[
            {
              label: t.lab.experiments.refreshCalls,
              actual: result.refreshCalls,
              ideal: 1,
              ok: result.refreshCalls === 1,
            },
            {
              label: said.refused,
              actual: result.refused,
              ideal: result.requests,
              ok: result.refused === result.requests,
            },
            {
              label: said.replays,
              actual: result.replays,
              ideal: result.requests,
              ok: result.replays === result.requests,
            },
            { label: said.failures, actual: result.failures, ideal: 0, ok: result.failures === 0 },
          ]}
        />
      )}
    </Experiment>
  )
}
