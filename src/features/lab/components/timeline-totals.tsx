import { useLabI18n } from '../lab-i18n'
import type { TimelineModel } from '../timeline-model'

/** The span's counts at a glance: refresh calls, joins, replays, requests and failures. */
export function TimelineTotals({ model }: { model: TimelineModel }) {
  const { t, format } = useLabI18n()
  const { totals } = model
  const said = t.lab.timeline
  const items = [
    [said.refreshCalls, totals.refreshCalls],
    [said.joinedRefresh, totals.joined],
    [said.replayedAfter401, totals.replays],
    [said.requests, totals.requests],
    [said.failedRequests, totals.failedRequests],
  ] as const
  return (
    <div role="group" aria-label={said.totals}>
      <dl className="timeline-totals">
        {items.map(([label, value]) => (
          <div key={label}>
            <dt>{label}</dt>
            <dd>{format.number(value)}</dd>
          </div>
        ))}
      </dl>
    </div>
  )
}
