import { eventKey } from '../../../auth'
import { useLabI18n } from '../lab-i18n'
import { formatClock } from '../format'
import { describeEvent, type TimelineModel } from '../timeline-model'

// Enough to read a burst and what led to it; the export has everything.
const MAX_ROWS = 300

/** The drawing's events as a table: what a screen reader (or a careful reader) can walk. */
export function TimelineTable({
  model,
  labels,
}: {
  model: TimelineModel
  labels: ReadonlyMap<string, string>
}) {
  const { t, format } = useLabI18n()
  const said = t.lab.timeline.table
  const total = model.events.length
  const rows = model.events.slice(-MAX_ROWS).reverse()
  return (
    <details className="timeline-table">
      <summary>{said.summary(total)}</summary>
      <div className="timeline-table-scroll" tabIndex={0} role="region" aria-label={said.region}>
        <table>
          <caption className="visually-hidden">
            {said.caption}
            {total > MAX_ROWS && said.latest(MAX_ROWS)}
          </caption>
          <thead>
            <tr>
              <th scope="col">{said.time}</th>
              <th scope="col">{said.tab}</th>
              <th scope="col">{said.event}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((event) => (
              <tr key={eventKey(event)} data-event-type={event.type}>
                <td className="numeric">{formatClock(event.at)}</td>
                <td>{labels.get(event.tabId) ?? event.tabId}</td>
                <td>{describeEvent(event, t, format)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {total > MAX_ROWS && <p className="muted lab-note">{said.showing(MAX_ROWS, total)}</p>}
    </details>
  )
}
