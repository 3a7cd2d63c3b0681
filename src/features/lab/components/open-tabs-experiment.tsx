import { useRef, useState } from 'react'
import { useLabI18n } from '../lab-i18n'
import { mockMode } from '../../../lib/env'
import { openTabs, type OpenTabsResult } from '../experiments'
import { labEventLog } from '../use-lab-events'
import { BusyButton } from './busy-button'
import { CountField } from './count-field'
import { Experiment } from './experiment'
import { ResultTable } from './result-table'
import { useExperimentRun } from './use-experiment-run'

/** K new tabs restoring their sessions together: they should share refreshes, never race. */
export function OpenTabsExperiment() {
  const { t } = useLabI18n()
  const said = t.lab.experiments.openTabs
  const [k, setK] = useState(2)
  const [result, setResult] = useState<OpenTabsResult | null>(null)
  const { running, error, run } = useExperimentRun()
  const opened = useRef<Window[]>([])
  return (
    <Experiment
      id="tabs-heading"
      title={said.title}
      hint={mockMode === 'worker' ? `${said.hint} ${said.workerNote}` : said.hint}
      error={error}
      actions={
        <>
          <CountField label={said.count} value={k} min={1} max={5} onChange={setK} />
          <BusyButton
            busy={running}
            className="button primary"
            onClick={() =>
              run(
                () => openTabs(k, labEventLog),
                (value) => {
                  opened.current.push(...value.windows)
                  setResult(value)
                },
              )
            }
          >
            {said.run}
          </BusyButton>
          {result && (
            <button
              type="button"
              className="button"
              onClick={() => {
                for (const tab of opened.current) tab.close()
                opened.current = []
              }}
            >
              {said.close}
            </button>
          )}
        </>
      }
    >
      {result && (
        <ResultTable
          caption={said.caption(result.opened, result.asked)}
          rows={[
            {
              label: said.signedIn,
              actual: result.signedIn,
              ideal: result.opened,
              ok: result.signedIn === result.opened,
            },
            {
              label: t.lab.experiments.refreshCalls,
              actual: result.refreshCalls,
              ideal: said.oneTo(result.opened),
              ok: result.refreshCalls >= 1 && result.refreshCalls <= result.opened,
            },
            {
              label: said.reuse,
              actual: result.reuseDetections,
              ideal: 0,
              ok: result.reuseDetections === 0,
            },
            {
              label: said.failedRefreshes,
              actual: result.failedRefreshes,
              ideal: 0,
              ok: result.failedRefreshes === 0,
            },
          ]}
        />
      )}
    </Experiment>
  )
}
