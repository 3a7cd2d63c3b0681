import { useState } from 'react'
import type { AuthSession } from '../../../auth'
import { useLabI18n } from '../lab-i18n'
import { revokeFromServer, type RevokeResult } from '../experiments'
import { BusyButton } from './busy-button'
import { Experiment } from './experiment'
import { ResultTable } from './result-table'
import { useExperimentRun } from './use-experiment-run'

/** This sign-in's session deleted on the server: its access token should stop working at once. */
export function RevokeExperiment({ session }: { session: AuthSession }) {
  const { t } = useLabI18n()
  const said = t.lab.experiments.revoke
  const [result, setResult] = useState<RevokeResult | null>(null)
  const { running, error, run } = useExperimentRun()
  return (
    <Experiment
      id="revoke-heading"
      title={said.title}
      hint={said.hint}
      error={error}
      actions={
        <>
          <BusyButton
            busy={running}
            disabled={result !== null}
            className="button danger"
            onClick={() => run(revokeFromServer, setResult)}
          >
            {said.run}
          </BusyButton>
          {result && (
            <button
              type="button"
              className="button"
              onClick={() => void session.refresh().catch(() => undefined)}
            >
              {said.refreshNow}
            </button>
          )}
        </>
      }
    >
      {result && (
        <ResultTable
          caption={said.caption}
          rows={[
            {
              label: said.currentToken,
              actual: result.meStatus ?? t.lab.noResponse,
              ideal: said.currentTokenIdeal,
              ok: result.meStatus === 401,
            },
            {
              label: said.nextRefresh,
              actual: said.notYet,
              ideal: said.nextRefreshIdeal,
              ok: null,
            },
          ]}
        />
      )}
    </Experiment>
  )
}
