import { endedByServer, eventKey, type AuthEvent } from '../../auth'
import type { LabAwareMessages } from './lab-i18n'
import type { Formatters } from '../../i18n/formatters'

/** How a request ended: first time, after a 401 and one replay, or not at all. */
export type RequestOutcome = 'ok' | 'replayed' | 'failed'

/** One access token as one tab held it. */
export interface TokenBar {
  id: string
  start: number
  /** When its lifetime runs out, counted from receipt as the auth core counts it. */
  expiresAt: number
  /** When the tab stopped using it (a newer token, a sign-out); null while it is the current one. */
  replacedAt: number | null
  source: 'network' | 'other-tab'
}

/** One refresh as one tab saw it, from the first request that needed it to its answer. */
export interface RefreshMark {
  id: string
  start: number
  /** Null while the refresh is in flight. */
  end: number | null
  /** The network call as the core timed it (0 when another tab's token served); null in flight. */
  durationMs: number | null
  outcome: 'pending' | 'succeeded' | 'failed'
  /** The tab that called the server: this lane's own, or the one whose token it took. */
  leaderTabId: string | null
  /** Calls to refresh that found this one in flight and waited for it. */
  joined: number
  /** Requests held back (before sending, or after a 401) until this refresh ended. */
  waiting: number
  failure: { kind: string; code: string | null } | null
}

export interface RequestTick {
  id: string
  at: number
  method: string
  url: string
  status: number | null
  outcome: RequestOutcome
}

export interface SessionMark {
  id: string
  at: number
  kind: 'signed-in' | 'signed-out' | 'session-ended'
}

export interface Lane {
  tabId: string
  label: string
  isCurrentTab: boolean
  tokens: TokenBar[]
  refreshes: RefreshMark[]
  requests: RequestTick[]
  sessionMarks: SessionMark[]
  /** Requests replayed after a 401 (each also shows as a request tick when it completes). */
  replays: number
}

export interface TimelineTotals {
  /** Refreshes that reached the server, from any tab. */
  refreshCalls: number
  joined: number
  replays: number
  requests: number
  failedRequests: number
}

export interface TimelineModel {
  start: number
  end: number
  lanes: Lane[]
  totals: TimelineTotals
  /** Every event inside the window, oldest first: what the table view lists. */
  events: AuthEvent[]
}

export interface TimelineOptions {
  /** The right edge of the drawing (wall-clock ms). */
  now: number
  windowMs: number
  currentTabId: string
  tabNames: TabNames
}

/** What tabs are called in the page's language: "This tab", "Tab 2". */
export type TabNames = LabAwareMessages['lab']['tabs']

function byTime(a: AuthEvent, b: AuthEvent): number {
  return a.at - b.at || a.tabId.localeCompare(b.tabId) || a.seq - b.seq
}

export function requestOutcome(status: number | null, replayed: boolean): RequestOutcome {
  if (status === null || status >= 400) return 'failed'
  return replayed ? 'replayed' : 'ok'
}

/**
 * Names each tab: "This tab" for the one drawing, then "Tab 2", "Tab 3"… in the order tabs first
 * appear, so that a tab keeps its name while the window slides.
 */
export function tabLabels(
  events: readonly AuthEvent[],
  currentTabId: string,
  names: TabNames,
): Map<string, string> {
  const labels = new Map<string, string>([[currentTabId, names.thisTab]])
  for (const event of [...events].sort(byTime)) {
    if (!labels.has(event.tabId)) labels.set(event.tabId, names.other(labels.size + 1))
  }
  return labels
}

const pendingRefresh = (id: string, start: number): RefreshMark => ({
  id,
  start,
  end: null,
  durationMs: null,
  outcome: 'pending',
  leaderTabId: null,
  joined: 0,
  waiting: 0,
  failure: null,
})

interface LaneBuilder {
  lane: Lane
  token: TokenBar | null
  refresh: RefreshMark | null
  /**
   * Requests queued with no refresh open: the core queues a request, then starts the refresh
   * for it or joins the one whose flight is closing.
   */
  queuedBeforeStart: number
}

/**
 * Shapes the auth core's events (from every tab) into what the timeline draws: one lane per tab
 * with its tokens' lifetimes as bars, its refreshes as marks (who led, how long, how many waited),
 * its requests as ticks by outcome, and its sign-ins and sign-outs. Pure: the same events, window
 * and tab give the same model, which is what the component tests check.
 */
export function buildTimeline(
  events: readonly AuthEvent[],
  { now, windowMs, currentTabId, tabNames }: TimelineOptions,
): TimelineModel {
  const sorted = [...events].sort(byTime)
  const labels = tabLabels(sorted, currentTabId, tabNames)
  const builders = new Map<string, LaneBuilder>()
  const laneOf = (tabId: string): LaneBuilder => {
    let builder = builders.get(tabId)
    if (!builder) {
      builder = {
        lane: {
          tabId,
          label: labels.get(tabId) ?? tabId,
          isCurrentTab: tabId === currentTabId,
          tokens: [],
          refreshes: [],
          requests: [],
          sessionMarks: [],
          replays: 0,
        },
        token: null,
        refresh: null,
        queuedBeforeStart: 0,
      }
      builders.set(tabId, builder)
    }
    return builder
  }

  // The tabs that called the server, in time order: a tab that took another's token names it.
  const networkRefreshes = sorted.filter(
    (event) => event.type === 'refresh-succeeded' && event.source === 'network',
  )
  const leaderBefore = (at: number): string | null =>
    networkRefreshes.findLast((event) => event.at <= at)?.tabId ?? null

  /** The refresh in flight, ended; one made up when its start came before this tab's history. */
  const endRefresh = (builder: LaneBuilder, id: string, start: number): RefreshMark => {
    let mark = builder.refresh
    if (!mark) {
      mark = { ...pendingRefresh(id, start), waiting: builder.queuedBeforeStart }
      builder.lane.refreshes.push(mark)
    }
    builder.refresh = null
    builder.queuedBeforeStart = 0
    return mark
  }

  for (const event of sorted) {
    const builder = laneOf(event.tabId)
    const { lane } = builder
    const id = eventKey(event)
    switch (event.type) {
      case 'token-received': {
        if (builder.token) builder.token.replacedAt = event.at
        builder.token = {
          id,
          start: event.at,
          expiresAt: event.at + event.expiresInMs,
          replacedAt: null,
          source: event.source,
        }
        lane.tokens.push(builder.token)
        break
      }
      case 'refresh-started': {
        builder.refresh = { ...pendingRefresh(id, event.at), waiting: builder.queuedBeforeStart }
        builder.queuedBeforeStart = 0
        lane.refreshes.push(builder.refresh)
        break
      }
      case 'refresh-joined': {
        // The core reports a refresh's success a moment before its flight closes; a request
        // that joins in that moment still waited for it, so it counts there.
        const mark = builder.refresh ?? lane.refreshes[lane.refreshes.length - 1]
        if (!mark) break
        mark.joined++
        if (!builder.refresh && builder.queuedBeforeStart > 0) {
          builder.queuedBeforeStart--
          mark.waiting++
        }
        break
      }
      case 'request-queued': {
        if (builder.refresh) builder.refresh.waiting++
        else builder.queuedBeforeStart++
        break
      }
      case 'refresh-succeeded': {
        // Without its start (it began before this tab's history), the duration places it.
        const mark = endRefresh(builder, id, event.at - event.durationMs)
        Object.assign(mark, {
          end: event.at,
          durationMs: event.durationMs,
          outcome: 'succeeded',
          leaderTabId: event.source === 'network' ? event.tabId : leaderBefore(event.at),
        })
        break
      }
      case 'refresh-failed': {
        const mark = endRefresh(builder, id, event.at)
        Object.assign(mark, {
          end: event.at,
          durationMs: event.at - mark.start,
          outcome: 'failed',
          leaderTabId: event.tabId,
          failure: { kind: event.kind, code: event.code },
        })
        break
      }
      case 'request-replayed': {
        lane.replays++
        break
      }
      case 'request-completed': {
        lane.requests.push({
          id,
          at: event.at,
          method: event.method,
          url: event.url,
          status: event.status,
          outcome: requestOutcome(event.status, event.replayed),
        })
        break
      }
      case 'signed-in': {
        lane.sessionMarks.push({ id, at: event.at, kind: 'signed-in' })
        break
      }
      case 'signed-out': {
        if (builder.token) builder.token.replacedAt = event.at
        builder.token = null
        lane.sessionMarks.push({
          id,
          at: event.at,
          kind: endedByServer(event.reason) ? 'session-ended' : 'signed-out',
        })
        break
      }
    }
  }

  return clip(
    [...builders.values()].map((builder) => builder.lane),
    sorted,
    now - windowMs,
    now,
    { tabId: currentTabId, label: tabNames.thisTab },
  )
}

/** Keeps what shows between `start` and `end`; lanes with nothing left go, but never this tab's. */
function clip(
  lanes: Lane[],
  sorted: AuthEvent[],
  start: number,
  end: number,
  currentTab: { tabId: string; label: string },
): TimelineModel {
  const inWindow = (at: number) => at >= start && at <= end
  const overlaps = (from: number, to: number) => from <= end && to >= start
  const clipped = lanes.map((lane) => {
    const refreshes = lane.refreshes.filter((mark) => overlaps(mark.start, mark.end ?? end))
    return {
      ...lane,
      tokens: lane.tokens.filter((bar) =>
        overlaps(bar.start, Math.min(bar.expiresAt, bar.replacedAt ?? Infinity)),
      ),
      refreshes,
      requests: lane.requests.filter((tick) => inWindow(tick.at)),
      sessionMarks: lane.sessionMarks.filter((mark) => inWindow(mark.at)),
    }
  })
  const windowEvents = sorted.filter((event) => inWindow(event.at))
  const replaysByTab = new Map<string, number>()
  for (const event of windowEvents) {
    if (event.type === 'request-replayed') {
      replaysByTab.set(event.tabId, (replaysByTab.get(event.tabId) ?? 0) + 1)
    }
  }
  const visible = clipped
    .map((lane) => ({ ...lane, replays: replaysByTab.get(lane.tabId) ?? 0 }))
    .filter(
      (lane) =>
        lane.isCurrentTab ||
        lane.tokens.length + lane.refreshes.length + lane.requests.length > 0 ||
        lane.sessionMarks.length > 0,
    )
  if (!visible.some((lane) => lane.isCurrentTab)) {
    visible.push({
      ...currentTab,
      isCurrentTab: true,
      tokens: [],
      refreshes: [],
      requests: [],
      sessionMarks: [],
      replays: 0,
    })
  }
  visible.sort((a, b) => Number(b.isCurrentTab) - Number(a.isCurrentTab))

  const totals: TimelineTotals = {
    refreshCalls: 0,
    joined: 0,
    replays: 0,
    requests: 0,
    failedRequests: 0,
  }
  for (const lane of visible) {
    for (const mark of lane.refreshes) {
      if (mark.leaderTabId === lane.tabId && mark.outcome !== 'pending') totals.refreshCalls++
      totals.joined += mark.joined
    }
    totals.replays += lane.replays
    totals.requests += lane.requests.length
    totals.failedRequests += lane.requests.filter((tick) => tick.outcome === 'failed').length
  }
  return { start, end, lanes: visible, totals, events: windowEvents }
}

/** Where to put the time axis's labels: round steps that give five to ten of them. */
export function axisTicks(start: number, end: number): number[] {
  const span = end - start
  const steps = [1_000, 5_000, 10_000, 15_000, 30_000, 60_000, 120_000, 300_000]
  const step = steps.find((candidate) => span / candidate <= 10) ?? 600_000
  const ticks: number[] = []
  for (let at = Math.ceil(start / step) * step; at <= end; at += step) ticks.push(at)
  return ticks
}

/** A request as the table and the drawing name it: GET /me. */
export const requestName = (event: { method: string; url: string }): string =>
  `${event.method.toUpperCase()} ${event.url}`

/** Why a refresh failed, in words: its kind, and the server's code when there was one. */
export function refreshFailure(
  failure: { kind: string; code: string | null },
  t: LabAwareMessages,
): string {
  const kinds: Readonly<Record<string, string>> = t.lab.failureKinds
  const kind = kinds[failure.kind] ?? failure.kind
  return failure.code ? `${kind} (${failure.code})` : kind
}

/** What happened, in words, for the table view. */
export function describeEvent(event: AuthEvent, t: LabAwareMessages, format: Formatters): string {
  const said = t.lab.events
  switch (event.type) {
    case 'token-received':
      return event.source === 'network'
        ? said.tokenFromServer(format.duration(event.expiresInMs))
        : said.tokenFromOtherTab(format.duration(event.expiresInMs))
    case 'refresh-started':
      return said.refreshStarted
    case 'refresh-joined':
      return said.refreshJoined
    case 'refresh-succeeded':
      return event.source === 'network'
        ? said.refreshSucceeded(format.duration(event.durationMs))
        : said.refreshFromOtherTab
    case 'refresh-failed':
      return said.refreshFailed(refreshFailure(event, t))
    case 'request-queued':
      return said.requestHeld(requestName(event))
    case 'request-replayed':
      return event.why === 'after-refresh'
        ? said.replayedAfterRefresh(requestName(event))
        : said.replayedWithNewer(requestName(event))
    case 'request-completed':
      return said.requestCompleted(
        t.lab.outcomes[requestOutcome(event.status, event.replayed)],
        requestName(event),
        event.status === null ? t.lab.noResponse : String(event.status),
      )
    case 'signed-in':
      return said.signedIn
    case 'signed-out':
      return endedByServer(event.reason)
        ? said.sessionEnded(event.reason)
        : event.reason === 'other-tab'
          ? said.signedOutInOtherTab
          : said.signedOutByUser
  }
}
