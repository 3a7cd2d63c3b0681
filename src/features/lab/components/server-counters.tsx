import type { LabStats } from '../../../../contract/lab'
import { useLabI18n } from '../lab-i18n'

const COUNTERS = [
  'loginCalls',
  'refreshCalls',
  'refreshSucceeded',
  'reuseDetections',
  'rejectedAccessTokens',
  'activeSessions',
] as const satisfies ReadonlyArray<keyof LabStats>

/** The mock server's own counters since the last reset, as a labelled list. */
export function ServerCounters({ stats }: { stats: LabStats | undefined }) {
  const { t, format } = useLabI18n()
  return (
    <div role="group" aria-label={t.lab.backend.counters}>
      <dl className="lab-stats">
        {COUNTERS.map((key) => (
          <div key={key}>
            <dt>{t.lab.backend.stats[key]}</dt>
            <dd>{stats ? format.number(stats[key]) : '–'}</dd>
          </div>
        ))}
      </dl>
    </div>
  )
}
