import type { LabAwareMessages } from '../lab-i18n'
import type { Formatters } from '../../../i18n/formatters'
import { formatClock } from '../format'
import {
  refreshFailure,
  requestName,
  type Lane,
  type RefreshMark,
  type RequestTick,
  type SessionMark,
  type TokenBar,
} from '../timeline-model'
import type { FocusItem } from './use-roving-focus'

interface Words {
  t: LabAwareMessages
  format: Formatters
  /** Every tab's name, for a refresh served by another tab's call. */
  labels: ReadonlyMap<string, string>
}

function describeToken(lane: Lane, bar: TokenBar, { t, format }: Words): string {
  const said = t.lab.marks
  const received = bar.source === 'network' ? said.tokenFromServer : said.tokenFromOtherTab
  const ended =
    bar.replacedAt === null
      ? said.expires(formatClock(bar.expiresAt))
      : said.replaced(formatClock(bar.replacedAt))
  const valid = format.duration(bar.expiresAt - bar.start)
  return `${received(lane.label, formatClock(bar.start), valid)}, ${ended}`
}

function describeRefresh(lane: Lane, mark: RefreshMark, { t, format, labels }: Words): string {
  const said = t.lab.marks
  const base = said.refresh(lane.label, formatClock(mark.start))
  const waited = said.waited(mark.waiting, mark.joined)
  const duration = format.duration(mark.durationMs ?? 0)
  if (mark.outcome === 'pending') return `${base}, ${said.inFlight}, ${waited}`
  if (mark.outcome === 'failed') {
    const why = mark.failure ? refreshFailure(mark.failure, t) : t.lab.outcomes.failed
    return `${base}, ${said.failedAfter(duration, why)}, ${waited}`
  }
  const leader =
    mark.leaderTabId === lane.tabId
      ? said.ownCall
      : said.servedBy(labels.get(mark.leaderTabId ?? '') ?? said.anotherTab)
  return `${base}, ${leader}, ${duration}, ${waited}`
}

function describeRequest(lane: Lane, tick: RequestTick, { t }: Words): string {
  return t.lab.marks.request(
    lane.label,
    requestName(tick),
    tick.status === null ? t.lab.noResponse : String(tick.status),
    t.lab.outcomes[tick.outcome],
    formatClock(tick.at),
  )
}

function describeSessionMark(lane: Lane, mark: SessionMark, { t }: Words): string {
  const said = t.lab.marks
  const what: Record<SessionMark['kind'], string> = {
    'signed-in': said.signedIn,
    'signed-out': said.signedOut,
    'session-ended': said.sessionEnded,
  }
  return said.session(lane.label, what[mark.kind], formatClock(mark.at))
}

/**
 * Every mark of every lane with what to say about it, in time order across lanes: the order the
 * arrow keys walk, so that they tell the story as it happened.
 */
export function describeMarks(lanes: readonly Lane[], words: Words): FocusItem[] {
  const items: (FocusItem & { at: number })[] = []
  for (const lane of lanes) {
    for (const bar of lane.tokens)
      items.push({ id: bar.id, at: bar.start, description: describeToken(lane, bar, words) })
    for (const mark of lane.refreshes)
      items.push({ id: mark.id, at: mark.start, description: describeRefresh(lane, mark, words) })
    for (const tick of lane.requests)
      items.push({ id: tick.id, at: tick.at, description: describeRequest(lane, tick, words) })
    for (const mark of lane.sessionMarks)
      items.push({ id: mark.id, at: mark.at, description: describeSessionMark(lane, mark, words) })
  }
  return items.sort((a, b) => a.at - b.at)
}
