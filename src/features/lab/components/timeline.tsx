import { useEffect, useId, useMemo, useRef, useState, type KeyboardEvent } from 'react'
import type { AuthEvent } from '../../../auth/events'
import type { AuthSession } from '../../../auth/session'
import { formatClock, formatDuration } from '../format'
import {
  axisTicks,
  buildTimeline,
  requestOutcomeLabel,
  tabLabels,
  type Lane,
  type RefreshMark,
  type RequestTick,
  type SessionMark,
  type TimelineModel,
  type TokenBar,
} from '../timeline-model'
import { useLabEvents } from '../use-lab-events'
import { TimelineTable } from './timeline-table'

const WIDTH = 960
const LABEL_WIDTH = 104
const RIGHT_PAD = 12
const LANE_HEIGHT = 76
const TOP = 6
const AXIS_HEIGHT = 24
const ROW = { token: 8, refresh: 30, request: 52 } as const
const ROW_HEIGHT = 14

const WINDOWS = [
  { ms: 60_000, label: 'Last minute' },
  { ms: 3 * 60_000, label: 'Last 3 minutes' },
  { ms: 10 * 60_000, label: 'Last 10 minutes' },
] as const

/** Something in the drawing a person can point at or tab to, with what to say about it. */
interface Item {
  id: string
  at: number
  description: string
}

function describeToken(lane: Lane, bar: TokenBar): string {
  const from = bar.source === 'network' ? 'from the server' : 'taken from another tab'
  const ended =
    bar.replacedAt === null
      ? `, expires ${formatClock(bar.expiresAt)}`
      : `, replaced at ${formatClock(bar.replacedAt)}`
  return `${lane.label}: access token ${from} at ${formatClock(bar.start)}, valid ${formatDuration(
    bar.expiresAt - bar.start,
  )}${ended}`
}

function describeRefresh(lane: Lane, mark: RefreshMark, labels: ReadonlyMap<string, string>) {
  const leader =
    mark.leaderTabId === lane.tabId
      ? 'its own call'
      : `served by ${labels.get(mark.leaderTabId ?? '') ?? 'another tab'}’s call`
  const waited = `${mark.waiting} ${mark.waiting === 1 ? 'request' : 'requests'} waited, ${mark.joined} joined`
  const base = `${lane.label}: refresh at ${formatClock(mark.start)}`
  if (mark.outcome === 'pending') return `${base}, in flight, ${waited}`
  if (mark.outcome === 'failed') {
    const why = `${mark.failure?.kind.replace('_', ' ') ?? 'failed'}${mark.failure?.code ? ` (${mark.failure.code})` : ''}`
    return `${base}, failed after ${formatDuration(mark.durationMs ?? 0)}: ${why}, ${waited}`
  }
  return `${base}, ${leader}, ${formatDuration(mark.durationMs ?? 0)}, ${waited}`
}

function describeRequest(lane: Lane, tick: RequestTick): string {
  return `${lane.label}: ${tick.method.toUpperCase()} ${tick.url} → ${
    tick.status ?? 'no response'
  }, ${requestOutcomeLabel[tick.outcome]}, at ${formatClock(tick.at)}`
}

const sessionMarkLabel: Record<SessionMark['kind'], string> = {
  'signed-in': 'signed in',
  'signed-out': 'signed out by the user',
  'session-ended': 'session ended by the server',
}

function describeSessionMark(lane: Lane, mark: SessionMark): string {
  return `${lane.label}: ${sessionMarkLabel[mark.kind]} at ${formatClock(mark.at)}`
}

function download(events: readonly AuthEvent[]): void {
  const body = JSON.stringify(
    {
      exportedAt: new Date().toISOString(),
      note: 'Auth events from every tab of this origin. They carry no tokens.',
      events,
    },
    null,
    2,
  )
  const url = URL.createObjectURL(new Blob([body], { type: 'application/json' }))
  const link = document.createElement('a')
  link.href = url
  link.download = `reel-auth-events-${new Date().toISOString().replace(/[:.]/g, '-')}.json`
  link.click()
  // The download has started by the next task; the URL is not needed after that.
  setTimeout(() => URL.revokeObjectURL(url), 0)
}

/** The current time, once a second, standing still while paused; `sync` catches it up at once. */
function useNow(paused: boolean): [number, () => void] {
  const [now, setNow] = useState(() => Date.now())
  useEffect(() => {
    if (paused) return
    const timer = setInterval(() => setNow(Date.now()), 1000)
    return () => clearInterval(timer)
  }, [paused])
  return [now, () => setNow(Date.now())]
}

export function Timeline({ session }: { session: AuthSession }) {
  const { events: liveEvents, clear } = useLabEvents(session)
  const [windowMs, setWindowMs] = useState<number>(WINDOWS[0].ms)
  const [frozen, setFrozen] = useState<readonly AuthEvent[] | null>(null)
  const [now, syncNow] = useNow(frozen !== null)
  const events = frozen ?? liveEvents
  // The clock ticks once a second; an event newer than the last tick still shows at once.
  const end = Math.max(now, events[events.length - 1]?.at ?? 0)
  const model = useMemo(
    () => buildTimeline(events, { now: end, windowMs, currentTabId: session.tabId }),
    [events, end, windowMs, session.tabId],
  )
  const labels = useMemo(() => tabLabels(events, session.tabId), [events, session.tabId])
  const windowId = useId()
  const unseen = frozen ? liveEvents.length - frozen.length : 0

  return (
    <section className="lab-panel timeline-panel" aria-labelledby="timeline-heading">
      <div className="lab-panel-heading">
        <h2 id="timeline-heading">Timeline</h2>
        <div className="timeline-toolbar">
          <label htmlFor={windowId} className="visually-hidden">
            Time span
          </label>
          <select
            id={windowId}
            className="lab-input"
            value={windowMs}
            onChange={(event) => setWindowMs(Number(event.target.value))}
          >
            {WINDOWS.map((option) => (
              <option key={option.ms} value={option.ms}>
                {option.label}
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
            {frozen ? 'Resume' : 'Pause'}
          </button>
          <button
            type="button"
            className="button small"
            onClick={() => {
              clear()
              setFrozen(null)
            }}
          >
            Clear
          </button>
          <button type="button" className="button small" onClick={() => download(liveEvents)}>
            Export as JSON
          </button>
        </div>
      </div>
      <p className="muted lab-note">
        What the auth core of every tab of this origin reported, live: token lifetimes, refresh
        calls, requests and sign-outs.
        {frozen && ` Paused: ${unseen} new ${unseen === 1 ? 'event' : 'events'} not shown yet.`}
      </p>
      <Totals model={model} />
      {model.events.length === 0 && (
        <p className="lab-empty">
          Nothing in this span yet. Each tab reports its events from the moment it loaded (and keeps
          ten minutes of them), so older ones cannot show. Run an experiment, or use the app in
          another tab, and watch them arrive.
        </p>
      )}
      <TimelineDrawing model={model} labels={labels} />
      <Legend />
      <TimelineTable model={model} labels={labels} />
    </section>
  )
}

function Totals({ model }: { model: TimelineModel }) {
  const { totals } = model
  const items = [
    ['Refresh calls', totals.refreshCalls],
    ['Joined a refresh', totals.joined],
    ['Replayed after a 401', totals.replays],
    ['Requests', totals.requests],
    ['Failed requests', totals.failedRequests],
  ] as const
  return (
    <div role="group" aria-label="Totals in this span">
      <dl className="timeline-totals">
        {items.map(([label, value]) => (
          <div key={label}>
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
    </div>
  )
}

function TimelineDrawing({
  model,
  labels,
}: {
  model: TimelineModel
  labels: ReadonlyMap<string, string>
}) {
  const titleId = useId()
  const descId = useId()
  const [activeId, setActiveId] = useState<string | null>(null)
  const [pointed, setPointed] = useState<Item | null>(null)
  const [focused, setFocused] = useState<Item | null>(null)
  const nodes = useRef(new Map<string, SVGGElement>())

  const { start, end, lanes } = model
  const plotWidth = WIDTH - LABEL_WIDTH - RIGHT_PAD
  const x = (at: number) =>
    LABEL_WIDTH + (Math.min(Math.max(at, start), end) - start) * (plotWidth / (end - start))
  const height = TOP + lanes.length * LANE_HEIGHT + AXIS_HEIGHT

  // Keyboard order is time order across lanes, so arrow keys walk the story as it happened.
  const items: Item[] = []
  for (const lane of lanes) {
    for (const bar of lane.tokens)
      items.push({ id: bar.id, at: bar.start, description: describeToken(lane, bar) })
    for (const mark of lane.refreshes)
      items.push({ id: mark.id, at: mark.start, description: describeRefresh(lane, mark, labels) })
    for (const tick of lane.requests)
      items.push({ id: tick.id, at: tick.at, description: describeRequest(lane, tick) })
    for (const mark of lane.sessionMarks)
      items.push({ id: mark.id, at: mark.at, description: describeSessionMark(lane, mark) })
  }
  items.sort((a, b) => a.at - b.at)
  const byId = new Map(items.map((item) => [item.id, item]))
  // One tab stop for the whole drawing: the last item focused, or the latest one.
  const tabStop = activeId && byId.has(activeId) ? activeId : (items[items.length - 1]?.id ?? null)

  function onKeyDown(event: KeyboardEvent<SVGGElement>): void {
    const index = items.findIndex((item) => item.id === tabStop)
    const moves: Record<string, number> = {
      ArrowRight: index + 1,
      ArrowDown: index + 1,
      ArrowLeft: index - 1,
      ArrowUp: index - 1,
      Home: 0,
      End: items.length - 1,
    }
    const target = moves[event.key]
    if (target === undefined) return
    event.preventDefault()
    const next = items[Math.min(Math.max(target, 0), items.length - 1)]
    if (!next) return
    setActiveId(next.id)
    nodes.current.get(next.id)?.focus()
  }

  const focusProps = (id: string) => {
    const item = byId.get(id)
    return {
      tabIndex: id === tabStop ? 0 : -1,
      role: 'listitem',
      'aria-label': item?.description,
      ref: (node: SVGGElement | null) => {
        if (node) nodes.current.set(id, node)
        else nodes.current.delete(id)
      },
      onFocus: () => {
        setActiveId(id)
        setFocused(item ?? null)
      },
      onBlur: () => setFocused(null),
      onPointerEnter: () => setPointed(item ?? null),
      onPointerLeave: () => setPointed(null),
    }
  }

  const shown = pointed ?? focused
  return (
    <div className="timeline-drawing">
      <div className="timeline-scroll">
        <svg
          viewBox={`0 0 ${WIDTH} ${height}`}
          className="timeline-svg"
          role="group"
          aria-labelledby={titleId}
          aria-describedby={descId}
        >
          <title id={titleId}>Auth timeline, one lane per tab</title>
          <desc id={descId}>
            Bars are access-token lifetimes, boxes on the second row are refreshes, ticks on the
            third row are requests coloured by outcome, vertical lines are sign-ins and sign-outs.
            Arrow keys move between marks; the table below lists the same events.
          </desc>
          {axisTicks(start, end).map((at) => (
            <g key={at} className="timeline-axis" aria-hidden="true">
              <line x1={x(at)} x2={x(at)} y1={TOP} y2={height - AXIS_HEIGHT} />
              <text x={x(at)} y={height - 8} textAnchor="middle">
                {formatClock(at).slice(0, 8)}
              </text>
            </g>
          ))}
          <g onKeyDown={onKeyDown}>
            {lanes.map((lane, index) => {
              const top = TOP + index * LANE_HEIGHT
              return (
                <g key={lane.tabId} role="list" aria-label={`${lane.label} (tab ${lane.tabId})`}>
                  <rect
                    className={index % 2 === 0 ? 'timeline-lane' : 'timeline-lane odd'}
                    x={0}
                    y={top}
                    width={WIDTH}
                    height={LANE_HEIGHT}
                    aria-hidden="true"
                  />
                  <text className="timeline-lane-label" x={8} y={top + 22} aria-hidden="true">
                    {lane.label}
                  </text>
                  <text className="timeline-lane-id" x={8} y={top + 40} aria-hidden="true">
                    {lane.tabId.slice(0, 6)}
                  </text>
                  {lane.tokens.map((bar) => {
                    const until = Math.min(bar.expiresAt, bar.replacedAt ?? Infinity)
                    return (
                      <g key={bar.id} className="timeline-item" {...focusProps(bar.id)}>
                        <rect
                          className={
                            bar.source === 'network' ? 'tl-token' : 'tl-token tl-from-other'
                          }
                          x={x(bar.start)}
                          y={top + ROW.token}
                          // A hair of space where one token takes over from the last.
                          width={Math.max(2, x(until) - x(bar.start) - (bar.replacedAt ? 1.5 : 0))}
                          height={ROW_HEIGHT}
                          rx={3}
                        />
                      </g>
                    )
                  })}
                  {lane.refreshes.map((mark) => {
                    const left = x(mark.start)
                    // Wide enough to tell a filled mark (its own call) from a hollow one.
                    const width = Math.max(10, x(mark.end ?? end) - left)
                    const led = mark.leaderTabId === lane.tabId
                    return (
                      <g key={mark.id} className="timeline-item" {...focusProps(mark.id)}>
                        <rect
                          className={`tl-refresh ${mark.outcome} ${led ? 'led' : 'followed'}`}
                          x={left}
                          y={top + ROW.refresh}
                          width={width}
                          height={ROW_HEIGHT}
                          rx={2}
                        />
                        {mark.waiting > 0 && (
                          <text
                            className="tl-refresh-count"
                            x={left + width + 3}
                            y={top + ROW.refresh + 11}
                            aria-hidden="true"
                          >
                            ×{mark.waiting}
                          </text>
                        )}
                      </g>
                    )
                  })}
                  {lane.requests.map((tick) => (
                    <g key={tick.id} className="timeline-item" {...focusProps(tick.id)}>
                      <rect
                        className="tl-hit"
                        x={x(tick.at) - 4}
                        y={top + ROW.request - 2}
                        width={8}
                        height={ROW_HEIGHT + 4}
                      />
                      <rect
                        className={`tl-request ${tick.outcome}`}
                        x={x(tick.at) - 1}
                        y={top + ROW.request}
                        width={2.5}
                        height={ROW_HEIGHT}
                      />
                    </g>
                  ))}
                  {lane.sessionMarks.map((mark) => (
                    <g key={mark.id} className="timeline-item" {...focusProps(mark.id)}>
                      <rect
                        className="tl-hit"
                        x={x(mark.at) - 5}
                        y={top + 2}
                        width={10}
                        height={LANE_HEIGHT - 4}
                      />
                      <line
                        className={`tl-session ${mark.kind}`}
                        x1={x(mark.at)}
                        x2={x(mark.at)}
                        y1={top + 2}
                        y2={top + LANE_HEIGHT - 2}
                      />
                      <circle
                        className={`tl-session-dot ${mark.kind}`}
                        cx={x(mark.at)}
                        cy={top + 4}
                        r={4}
                      />
                    </g>
                  ))}
                </g>
              )
            })}
          </g>
        </svg>
      </div>
      <p className="timeline-detail">
        {shown
          ? shown.description
          : items.length > 0
            ? 'Point at a mark, or tab into the drawing and use the arrow keys, for its details.'
            : ' '}
      </p>
    </div>
  )
}

function Legend() {
  const entries = [
    ['tl-token', 'Access token lifetime'],
    ['tl-token tl-from-other', 'Token taken from another tab'],
    ['tl-refresh succeeded led', 'Refresh call (×N: requests that waited)'],
    ['tl-refresh succeeded followed', 'Refresh served by another tab'],
    ['tl-refresh failed led', 'Refresh failed'],
    ['tl-request ok', 'Request ok'],
    ['tl-request replayed', 'Request ok after a 401 and a replay'],
    ['tl-request failed', 'Request failed'],
    ['tl-session-dot signed-in', 'Signed in'],
    ['tl-session-dot session-ended', 'Signed out or session ended'],
  ] as const
  return (
    <ul className="timeline-legend" aria-label="Legend">
      {entries.map(([className, label]) => (
        <li key={label}>
          <svg width="18" height="12" aria-hidden="true" focusable="false">
            <rect className={className} x={1} y={1} width={16} height={10} rx={2} />
          </svg>
          {label}
        </li>
      ))}
    </ul>
  )
}
