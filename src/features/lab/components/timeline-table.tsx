import { formatClock } from '../format'
import { describeEvent, eventKey, type TimelineModel } from '../timeline-model'

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
  const rows = model.events.slice(-MAX_ROWS).reverse()
  return (
    <details className="timeline-table">
      <summary>Events as a table ({model.events.length})</summary>
      <div className="timeline-table-scroll" tabIndex={0} role="region" aria-label="Event table">
        <table>
          <caption className="visually-hidden">
            Auth events of every tab in this span, newest first
            {model.events.length > MAX_ROWS && ` (the latest ${MAX_ROWS})`}
          </caption>
          <thead>
            <tr>
              <th scope="col">Time</th>
              <th scope="col">Tab</th>
              <th scope="col">Event</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((event) => (
              <tr key={eventKey(event)} data-event-type={event.type}>
                <td className="numeric">{formatClock(event.at)}</td>
                <td>{labels.get(event.tabId) ?? event.tabId}</td>
                <td>{describeEvent(event)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {model.events.length > MAX_ROWS && (
        <p className="muted lab-note">
          Showing the latest {MAX_ROWS} of {model.events.length}; “Export as JSON” has them all.
        </p>
      )}
    </details>
  )
}
