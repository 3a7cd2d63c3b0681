import { afterEach, describe, expect, it, vi } from 'vitest'
import { awaitableList, createTab, DEMO, stateReached } from '../test/auth-harness'
import { createFakeTabsEnvironment } from '../test/fake-tabs'
import type { ChannelLike } from './cross-tab'
import type { AuthEvent } from './events'
import { browserEventsChannel, relayEvents, subscribeToAllTabs } from './event-relay'
import type { AuthSession } from './session'
import { SIGN_OUT_REASONS } from './sign-out-reason'

/** Two tabs sharing locks and the token channel, as one origin's tabs do in a browser. */
function twoTabs() {
  const env = createFakeTabsEnvironment()
  const a = createTab({ locks: env.locks, channel: env.openChannel() })
  const b = createTab({ locks: env.locks, channel: env.openChannel() })
  return { env, a, b }
}

afterEach(() => {
  vi.useRealTimers()
  vi.unstubAllGlobals()
})

const key = (event: AuthEvent) => `${event.tabId}:${event.seq}`
const signedIn = (state: { phase: string }) => state.phase === 'signed-in'

describe('the event relay', () => {
  it('shows a watching tab the live events of every tab, each tab with its own id', async () => {
    const { env, a, b } = twoTabs()
    const stopRelayA = relayEvents(a.session, env.openChannel())
    const seen = awaitableList<AuthEvent>()
    const stop = subscribeToAllTabs(b.session, env.openChannel(), (event) => seen.push(event))
    const fromA = () => seen.items.filter((e) => e.tabId === a.session.tabId)

    await a.session.signIn(DEMO)
    await a.api.get('/me')
    await stateReached(b.session, signedIn)

    await seen.until(() => fromA().length === 3)
    expect(fromA().map((e) => e.type)).toEqual(['token-received', 'signed-in', 'request-completed'])
    // b's own events come from its session: it took a's token from the token channel.
    expect(seen.items.filter((e) => e.tabId === b.session.tabId).map((e) => e.type)).toEqual([
      'token-received',
      'signed-in',
    ])
    stop()
    stopRelayA()
  })

  it('gives a timeline that opens later the history each relaying tab kept', async () => {
    const { env, a, b } = twoTabs()
    const stopA = relayEvents(a.session, env.openChannel())
    const stopB = relayEvents(b.session, env.openChannel())
    await a.session.signIn(DEMO)
    await stateReached(b.session, signedIn)

    const seen = new Map<string, AuthEvent>()
    const arrived = awaitableList<AuthEvent>()
    const stop = subscribeToAllTabs(b.session, env.openChannel(), (event) => {
      seen.set(key(event), event)
      arrived.push(event)
    })

    await arrived.until(() => seen.size === 4)
    expect(new Set([...seen.values()].map((e) => e.tabId))).toEqual(
      new Set([a.session.tabId, b.session.tabId]),
    )
    stop()
    stopA()
    stopB()
  })

  it('drops malformed messages and strips fields an event does not have', async () => {
    const { env, b } = twoTabs()
    const seen = awaitableList<unknown>()
    const stop = subscribeToAllTabs(b.session, env.openChannel(), (event) => seen.push(event))
    const intruder = env.openChannel()
    const valid = { type: 'refresh-joined', at: 1, tabId: 'other', seq: 1 }

    intruder.postMessage({ kind: 'event', event: { ...valid, type: 'made-up' } })
    intruder.postMessage({ kind: 'event', event: { ...valid, seq: -1 } })
    intruder.postMessage('not even an object')
    intruder.postMessage({ kind: 'event', event: { ...valid, accessToken: 'eyJ…' } })

    // The one acceptable message was posted last: the first to arrive must be it, stripped.
    await seen.until(() => seen.items.length === 1)
    expect(seen.items).toEqual([valid])
    stop()
  })
})

/** What relays and timelines post on the events channel, as another tab reads it. */
type RelayMessage =
  | { kind: 'event'; event: AuthEvent }
  | { kind: 'history-request'; requestId: string }
  | { kind: 'history'; requestId: string; events: AuthEvent[] }

/**
 * A channel this test holds the other end of: it keeps what is posted on it and hands what the
 * test sends, at once, to the listeners added for `message` (and no other type).
 */
function testChannel() {
  type Listener = (event: MessageEvent) => void
  const listeners = new Map<string, Set<Listener>>()
  const posted: RelayMessage[] = []
  let closed = false
  const channel: ChannelLike = {
    postMessage: (message) => void posted.push(message as RelayMessage),
    addEventListener(type, listener) {
      const ofType = listeners.get(type) ?? new Set<Listener>()
      listeners.set(type, ofType.add(listener))
    },
    removeEventListener(type, listener) {
      listeners.get(type)?.delete(listener)
    },
    close() {
      closed = true
    },
  }
  return {
    channel,
    posted,
    postedEvents: () => posted.flatMap((m) => (m.kind === 'event' ? [m.event] : [])),
    answers: () => posted.flatMap((m) => (m.kind === 'history' ? [m] : [])),
    listening: () => listeners.get('message')?.size ?? 0,
    isClosed: () => closed,
    send(data: unknown): void {
      for (const listener of listeners.get('message') ?? [])
        listener(new MessageEvent('message', { data }))
    },
  }
}

/**
 * Starts a refresh and has `joins` more callers join it: each join is one `refresh-joined` event,
 * emitted before `refresh` returns. Resolves once the refresh has settled (it fails: no cookie).
 */
function joinRefresh(session: AuthSession, joins: number): Promise<void> {
  const running = session.refresh().then(
    () => undefined,
    () => undefined,
  )
  for (let i = 0; i < joins; i++) void session.refresh().catch(() => undefined)
  return running
}

const elsewhere = { at: 1_700_000_000_000, tabId: 'tab-elsewhere' }

/** One event of every type, with every value of every enumerated field. */
const everyKindOfEvent: AuthEvent[] = [
  { ...elsewhere, seq: 1, type: 'refresh-started' },
  { ...elsewhere, seq: 2, type: 'refresh-joined' },
  { ...elsewhere, seq: 3, type: 'refresh-succeeded', durationMs: 120, source: 'network' },
  { ...elsewhere, seq: 4, type: 'refresh-succeeded', durationMs: 0, source: 'other-tab' },
  { ...elsewhere, seq: 5, type: 'refresh-failed', kind: 'session_ended', code: 'refresh_reused' },
  { ...elsewhere, seq: 6, type: 'refresh-failed', kind: 'transient', code: null },
  { ...elsewhere, seq: 7, type: 'refresh-failed', kind: 'rejected', code: 'csrf_failed' },
  { ...elsewhere, seq: 8, type: 'refresh-failed', kind: 'bad_response', code: null },
  { ...elsewhere, seq: 9, type: 'token-received', expiresInMs: 300_000, source: 'network' },
  { ...elsewhere, seq: 10, type: 'token-received', expiresInMs: 299_000, source: 'other-tab' },
  { ...elsewhere, seq: 11, type: 'request-queued', method: 'GET', url: '/me' },
  {
    ...elsewhere,
    seq: 12,
    type: 'request-replayed',
    method: 'GET',
    url: '/me',
    why: 'newer-token',
  },
  {
    ...elsewhere,
    seq: 13,
    type: 'request-replayed',
    method: 'PUT',
    url: '/a',
    why: 'after-refresh',
  },
  {
    ...elsewhere,
    seq: 14,
    type: 'request-replayed',
    method: 'POST',
    url: '/b',
    why: 'after-step-up',
  },
  {
    ...elsewhere,
    seq: 15,
    type: 'request-completed',
    method: 'GET',
    url: '/me',
    status: 200,
    replayed: true,
  },
  {
    ...elsewhere,
    seq: 16,
    type: 'request-completed',
    method: 'DELETE',
    url: '/me/sessions/1',
    status: null,
    replayed: false,
  },
  { ...elsewhere, seq: 17, type: 'signed-in', userId: 'u-1' },
  ...SIGN_OUT_REASONS.map((reason, i) => ({
    ...elsewhere,
    seq: 18 + i,
    type: 'signed-out' as const,
    reason,
  })),
]

describe('what a relay posts and answers', () => {
  it('answers a history request, and only that, with the events it kept under the request id', async () => {
    const { session } = createTab()
    const peer = testChannel()
    const stop = relayEvents(session, peer.channel)
    const settled = joinRefresh(session, 2)

    peer.send({ kind: 'event', event: everyKindOfEvent[0] })
    peer.send({ kind: 'history', requestId: 'r0', events: everyKindOfEvent })
    peer.send({ kind: 'history-request', requestId: 'r1' })

    const kept = peer.postedEvents()
    expect(kept.map((e) => e.type)).toEqual(['refresh-joined', 'refresh-joined'])
    expect(peer.posted.filter((m) => m.kind !== 'event')).toEqual([
      { kind: 'history', requestId: 'r1', events: kept },
    ])
    stop()
    await settled
  })

  it('keeps at most 2,000 events, dropping the oldest first', async () => {
    const { session } = createTab()
    const peer = testChannel()
    const stop = relayEvents(session, peer.channel)
    const settled = joinRefresh(session, 2001)

    peer.send({ kind: 'history-request', requestId: 'r1' })

    const [answer] = peer.answers()
    expect(peer.postedEvents()).toHaveLength(2001)
    expect(answer?.events).toHaveLength(2000)
    expect(answer?.events.map((e) => e.seq)).toEqual(
      peer
        .postedEvents()
        .slice(1)
        .map((e) => e.seq),
    )
    stop()
    await settled
  })

  it('keeps ten minutes of events, counted back from the newest', async () => {
    const { session } = createTab()
    const peer = testChannel()
    const stop = relayEvents(session, peer.channel)
    const start = 1_700_000_000_000
    const tenMinutes = 10 * 60_000
    vi.useFakeTimers({ toFake: ['Date'], now: start })
    const settled = joinRefresh(session, 1)
    vi.setSystemTime(start + tenMinutes)
    void session.refresh().catch(() => undefined)
    peer.send({ kind: 'history-request', requestId: 'exactly-ten' })
    vi.setSystemTime(start + tenMinutes + 1)
    void session.refresh().catch(() => undefined)
    peer.send({ kind: 'history-request', requestId: 'a-moment-more' })
    vi.useRealTimers()

    const at = (requestId: string) =>
      peer
        .answers()
        .find((m) => m.requestId === requestId)
        ?.events.map((e) => e.at - start)
    expect(at('exactly-ten')).toEqual([0, tenMinutes])
    expect(at('a-moment-more')).toEqual([tenMinutes, tenMinutes + 1])
    stop()
    await settled
  })

  it('stops posting and answering, and closes the channel, once stopped', async () => {
    const { session } = createTab()
    const peer = testChannel()
    const stop = relayEvents(session, peer.channel)
    expect(peer.listening()).toBe(1)

    stop()
    await joinRefresh(session, 1)
    peer.send({ kind: 'history-request', requestId: 'r1' })

    expect(peer.posted).toEqual([])
    expect(peer.listening()).toBe(0)
    expect(peer.isClosed()).toBe(true)
  })
})

describe('what a timeline takes from the channel', () => {
  it('asks once for the history of every tab, under an id of its own', () => {
    const { session } = createTab()
    const first = testChannel()
    const second = testChannel()
    const stopFirst = subscribeToAllTabs(session, first.channel, () => undefined)
    const stopSecond = subscribeToAllTabs(session, second.channel, () => undefined)

    for (const { posted } of [first, second]) {
      expect(posted).toEqual([
        { kind: 'history-request', requestId: expect.stringMatching(/^[0-9a-f]{16}$/) },
      ])
    }
    expect(first.posted[0]).not.toEqual(second.posted[0])
    stopFirst()
    stopSecond()
  })

  it('passes on every kind of event another tab relays, field for field', () => {
    const { session } = createTab()
    const peer = testChannel()
    const seen: AuthEvent[] = []
    const stop = subscribeToAllTabs(session, peer.channel, (event) => seen.push(event))

    for (const event of everyKindOfEvent) peer.send({ kind: 'event', event })

    expect(seen).toEqual(everyKindOfEvent)
    stop()
  })

  it("takes its own tab's live events from the session only, not again from the channel", async () => {
    const { session } = createTab()
    const peer = testChannel()
    const seen: AuthEvent[] = []
    const stop = subscribeToAllTabs(session, peer.channel, (event) => seen.push(event))

    const settled = joinRefresh(session, 1)
    const [own] = seen
    peer.send({ kind: 'event', event: own })

    expect(seen).toEqual([own])
    expect(own?.tabId).toBe(session.tabId)
    stop()
    await settled
  })

  it('takes the history answering its own request, and no other', () => {
    const { session } = createTab()
    const peer = testChannel()
    const seen: AuthEvent[] = []
    const stop = subscribeToAllTabs(session, peer.channel, (event) => seen.push(event))
    const [request] = peer.posted
    const requestId = request?.kind === 'history-request' ? request.requestId : 'none'

    peer.send({ kind: 'history', requestId: 'someone-else', events: everyKindOfEvent.slice(0, 2) })
    // Another timeline's request is no answer, even one that happened to draw the same id.
    expect(() => peer.send({ kind: 'history-request', requestId })).not.toThrow()
    expect(seen).toEqual([])

    peer.send({ kind: 'history', requestId, events: everyKindOfEvent })
    expect(seen).toEqual(everyKindOfEvent)
    stop()
  })

  it('stops listening to its session and the channel, and closes the channel, once stopped', async () => {
    const { session } = createTab()
    const peer = testChannel()
    const seen: AuthEvent[] = []
    const stop = subscribeToAllTabs(session, peer.channel, (event) => seen.push(event))
    expect(peer.listening()).toBe(1)

    stop()
    await joinRefresh(session, 1)
    peer.send({ kind: 'event', event: everyKindOfEvent[0] })

    expect(seen).toEqual([])
    expect(peer.listening()).toBe(0)
    expect(peer.isClosed()).toBe(true)
  })
})

describe("the browser's events channel", () => {
  it('is the BroadcastChannel every tab of the origin opens for events', async () => {
    const channel = browserEventsChannel()
    const otherTab = new BroadcastChannel('reel-auth-events')
    const heard = awaitableList<unknown>()
    otherTab.addEventListener('message', (event) => heard.push(event.data))
    const request = { kind: 'history-request', requestId: 'r1' }

    channel?.postMessage(request)

    await heard.until(() => heard.items.length > 0)
    expect(heard.items).toEqual([request])
    channel?.close()
    otherTab.close()
  })

  it('is null where BroadcastChannel is missing', () => {
    vi.stubGlobal('BroadcastChannel', undefined)
    expect(browserEventsChannel()).toBeNull()
  })
})
