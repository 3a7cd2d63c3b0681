import { useId, useMemo, useState } from 'react'
import type { AuthEvent, AuthSession } from '../../../auth'
import { useLabI18n } from '../lab-i18n'
import { useNow } from '../../../lib/use-now'
import { downloadEvents } from '../download-events'
import { buildTimeline, tabLabels } from '../timeline-model'
import { useLabEvents } from '../use-lab-events'
import { TimelineDrawing } from './timeline-drawing'
import { TimelineLegend } from './timeline-legend'
import { TimelineTable } from './timeline-table'
import { TimelineTotals } from './timeline-totals'

/** The spans a person can look back over, in minutes. */
const WINDOW_MINUTES = [1, 3, 10] as const

/** Every tab's auth events, live, as a drawing, totals and a table; pausable and exportable. */
export function Timeline({ session }: { session: AuthSession }) {
  const { t } = useLabI18n()
  const said = t.lab.timeline
  const { events: liveEvents, clear } = useLabEvents(session)
  const [windowMs, setWindowMs] = useState<number>(WINDOW_MINUTES[0] * 60_000)
  const [frozen, setFrozen] = useState<readonly AuthEvent[] | null>(null)
  const [now, syncNow] = useNow(1000, frozen !== null)
  const events = frozen ?? liveEvents
  // The clock ticks once a second; an event newer than the last tick still shows at once.
  const end = Math.max(now, events[events.length - 1]?.at ?? 0)
  const tabNames = t.lab.tabs
  const model = useMemo(
    () => buildTimeline(events, { now: end, windowMs, currentTabId: session.tabId, tabNames }),
    [events, end, windowMs, session.tabId, tabNames],
  )
  const labels = useMemo(
    () => tabLabels(events, session.tabId, tabNames),
    [events, session.tabId, tabNames],
  )
  const windowId = useId()
  const unseen = frozen ? liveEvents.length - frozen.length : 0

  return (
    <section className="lab-panel timeline-panel" aria-labelledby="timeline-heading">
      <div className="lab-panel-heading">
        <h2 id="timeline-heading">{said.heading}</h2>
        <div className="timeline-toolbar">
          <label htmlFor={windowId} className="visually-hidden">
            {said.span}
          </label>
          <select
            id={windowId}
            className="lab-input"
            value={windowMs}
            onChange={(event) => setWindowMs(Number(event.target.value))}
          >
            {WINDOW_MINUTES.map((minutes) => (
              <option key={minutes} value={minutes * 60_000}>
                {said.lastMinutes(minutes)}
              </option>
            ))}
          </select>
          <button
            type="button"
            className="button small"
            aria-pressed={frozen !== null}
            onClick={() => {
              setFrozen(frozen ? null : liveEvents)
              syncNow()
            }}
          >
            {frozen ? said.resume : said.pause}
          </button>
          <button
            type="button"
            className="button small"
            onClick={() => {
              clear()
              setFrozen(null)
            }}
          >
            {said.clear}
          </button>
          <button
            type="button"
            className="button small"
            onClick={() => downloadEvents(liveEvents, said.exportNote)}
          >
            {said.exportJson}
          </button>
        </div>
      </div>
      <p className="muted lab-note">
        {said.note}
        {frozen && ` ${said.paused(unseen)}`}
      </p>
      <TimelineTotals model={model} />
      {model.events.length === 0 && <p className="lab-empty">{said.empty}</p>}
      <TimelineDrawing model={model} labels={labels} />
      <TimelineLegend />
      <TimelineTable model={model} labels={labels} />
    </section>
  )
}
