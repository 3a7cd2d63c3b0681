import { describe, expect, it } from 'vitest'
import type { AuthEvent } from '../../auth'
import { formatters } from '../../i18n/formatters'
import { en as coreEn } from '../../i18n/messages/en'
import { ko as coreKo } from '../../i18n/messages/ko'
import { LAB_CATALOGUES } from './lab-i18n'
import { axisTicks, buildTimeline, describeEvent, tabLabels } from './timeline-model'

const T0 = 1_700_000_000_000
const THIS = 'aaaaaa'
const OTHER = 'bbbbbb'

/** An event as the auth core emits it, before its tab stamps it with time and number. */
type Body<Event = AuthEvent> = Event extends AuthEvent ? Omit<Event, 'at' | 'tabId' | 'seq'> : never

/** A tab's event log, numbered and timed as the auth core would: ms after T0. */
function tab(tabId: string) {
  let seq = 0
  return (atMs: number, body: Body): AuthEvent => ({
    ...body,
    at: T0 + atMs,
    tabId,
    seq: ++seq,
  })
}

const en = { ...coreEn, lab: LAB_CATALOGUES.en }
const ko = { ...coreKo, lab: LAB_CATALOGUES.ko }
const lastMinute = { now: T0 + 60_000, windowMs: 60_000, currentTabId: THIS, tabNames: en.lab.tabs }
const english = formatters('en', en.devices.justNow)

describe('the timeline model', () => {
  it('gives every tab a lane, this tab first, others named in order of appearance', () => {
    const other = tab(OTHER)
    const third = tab('cccccc')
    const mine = tab(THIS)
    const model = buildTimeline(
      [
        third(3_000, { type: 'signed-in', userId: 'u' }),
        other(1_000, { type: 'signed-in', userId: 'u' }),
        mine(2_000, { type: 'signed-in', userId: 'u' }),
      ],
      lastMinute,
    )

    expect(model.lanes.map((lane) => [lane.label, lane.isCurrentTab])).toEqual([
      ['This tab', true],
      ['Tab 2', false],
      ['Tab 3', false],
    ])
  })

  it('keeps a lane for this tab even before it has done anything', () => {
    const model = buildTimeline([], lastMinute)
    expect(model.lanes).toMatchObject([{ tabId: THIS, label: 'This tab', tokens: [] }])
  })

  it('draws each token as a bar from receipt to expiry, cut short by the next one or a sign-out', () => {
    const mine = tab(THIS)
    const model = buildTimeline(
      [
        mine(1_000, { type: 'token-received', expiresInMs: 30_000, source: 'network' }),
        mine(25_000, { type: 'token-received', expiresInMs: 30_000, source: 'other-tab' }),
        mine(40_000, { type: 'signed-out', reason: 'user' }),
      ],
      lastMinute,
    )

    expect(model.lanes[0]?.tokens).toEqual([
      {
        id: `${THIS}:1`,
        start: T0 + 1_000,
        expiresAt: T0 + 31_000,
        replacedAt: T0 + 25_000,
        source: 'network',
      },
      {
        id: `${THIS}:2`,
        start: T0 + 25_000,
        expiresAt: T0 + 55_000,
        replacedAt: T0 + 40_000,
        source: 'other-tab',
      },
    ])
    expect(model.lanes[0]?.sessionMarks).toMatchObject([{ kind: 'signed-out', at: T0 + 40_000 }])
  })

  it('marks a refresh with its duration, its leader and every request that waited for it', () => {
    const mine = tab(THIS)
    const burst = (at: number) => [
      mine(at, { type: 'request-queued', method: 'get', url: '/me' }),
      mine(at + 1, { type: 'refresh-joined' }),
    ]
    const model = buildTimeline(
      [
        // The core queues the first request, then announces the refresh it starts for it.
        mine(10_000, { type: 'request-queued', method: 'get', url: '/me' }),
        mine(10_001, { type: 'refresh-started' }),
        ...burst(10_002),
        ...burst(10_004),
        mine(10_080, { type: 'token-received', expiresInMs: 300_000, source: 'network' }),
        mine(10_080, { type: 'refresh-succeeded', durationMs: 75, source: 'network' }),
      ],
      lastMinute,
    )

    expect(model.lanes[0]?.refreshes).toEqual([
      {
        id: `${THIS}:2`,
        start: T0 + 10_001,
        end: T0 + 10_080,
        durationMs: 75,
        outcome: 'succeeded',
        leaderTabId: THIS,
        joined: 2,
        waiting: 3,
        failure: null,
      },
    ])
    expect(model.totals).toMatchObject({ refreshCalls: 1, joined: 2 })
  })

  it('counts a request that joins a refresh as its flight closes for that refresh, not the next', () => {
    const mine = tab(THIS)
    const model = buildTimeline(
      [
        mine(1_000, { type: 'refresh-started' }),
        mine(1_300, { type: 'refresh-succeeded', durationMs: 300, source: 'network' }),
        mine(1_301, { type: 'request-queued', method: 'get', url: '/movies' }),
        mine(1_301, { type: 'refresh-joined' }),
        mine(30_000, { type: 'refresh-started' }),
        mine(30_200, { type: 'refresh-succeeded', durationMs: 200, source: 'network' }),
      ],
      lastMinute,
    )

    expect(model.lanes[0]?.refreshes.map(({ waiting, joined }) => [waiting, joined])).toEqual([
      [1, 1],
      [0, 0],
    ])
  })

  it('names the tab whose call served a refresh that another tab waited for', () => {
    const mine = tab(THIS)
    const other = tab(OTHER)
    const model = buildTimeline(
      [
        other(5_000, { type: 'refresh-started' }),
        mine(5_001, { type: 'refresh-started' }),
        other(5_050, { type: 'refresh-succeeded', durationMs: 49, source: 'network' }),
        mine(5_052, { type: 'refresh-succeeded', durationMs: 0, source: 'other-tab' }),
      ],
      lastMinute,
    )

    const [mineLane, otherLane] = model.lanes
    expect(mineLane?.refreshes[0]).toMatchObject({ leaderTabId: OTHER, outcome: 'succeeded' })
    expect(otherLane?.refreshes[0]).toMatchObject({ leaderTabId: OTHER, durationMs: 49 })
    // One call to the server for two tabs.
    expect(model.totals.refreshCalls).toBe(1)
  })

  it('keeps a failed refresh with its kind and code, and ends the session it ended', () => {
    const mine = tab(THIS)
    const model = buildTimeline(
      [
        mine(1_000, { type: 'token-received', expiresInMs: 300_000, source: 'network' }),
        mine(2_000, { type: 'refresh-started' }),
        mine(2_040, { type: 'refresh-failed', kind: 'session_ended', code: 'session_revoked' }),
        mine(2_041, { type: 'signed-out', reason: 'revoked' }),
      ],
      lastMinute,
    )

    const lane = model.lanes[0]
    expect(lane?.refreshes[0]).toMatchObject({
      outcome: 'failed',
      durationMs: 40,
      failure: { kind: 'session_ended', code: 'session_revoked' },
    })
    expect(lane?.sessionMarks).toMatchObject([{ kind: 'session-ended' }])
    expect(lane?.tokens[0]?.replacedAt).toBe(T0 + 2_041)
  })

  it('colours requests by outcome: ok, ok after a replay, failed (an error or no answer)', () => {
    const mine = tab(THIS)
    const done = (at: number, status: number | null, replayed: boolean) =>
      mine(at, { type: 'request-completed', method: 'get', url: '/me', status, replayed })
    const model = buildTimeline(
      [
        done(1_000, 200, false),
        mine(1_500, { type: 'request-replayed', method: 'get', url: '/me', why: 'after-refresh' }),
        done(2_000, 200, true),
        done(3_000, 500, false),
        done(4_000, null, false),
        done(5_000, 401, true),
      ],
      lastMinute,
    )

    expect(model.lanes[0]?.requests.map((tick) => tick.outcome)).toEqual([
      'ok',
      'replayed',
      'failed',
      'failed',
      'failed',
    ])
    expect(model.totals).toMatchObject({ requests: 5, failedRequests: 3, replays: 1 })
  })

  it('shows only what falls in the window, with the bars that reach into it', () => {
    const mine = tab(THIS)
    const other = tab(OTHER)
    const model = buildTimeline(
      [
        other(-120_000, { type: 'signed-in', userId: 'u' }), // a tab gone quiet long ago
        mine(-10_000, { type: 'token-received', expiresInMs: 30_000, source: 'network' }),
        mine(-5_000, {
          type: 'request-completed',
          method: 'get',
          url: '/a',
          status: 200,
          replayed: false,
        }),
        mine(5_000, {
          type: 'request-completed',
          method: 'get',
          url: '/b',
          status: 200,
          replayed: false,
        }),
      ],
      { ...lastMinute, now: T0 + 30_000, windowMs: 30_000 },
    )

    expect(model.lanes).toHaveLength(1)
    expect(model.lanes[0]?.tokens).toHaveLength(1)
    expect(model.lanes[0]?.requests.map((tick) => tick.url)).toEqual(['/b'])
    expect(model.events.map((event) => event.type)).toEqual(['request-completed'])
  })

  it('keeps tab names stable as the window slides', () => {
    const mine = tab(THIS)
    const other = tab(OTHER)
    const events = [
      other(0, { type: 'signed-in', userId: 'u' }),
      mine(1, { type: 'signed-in', userId: 'u' }),
    ]
    expect(tabLabels(events, THIS, en.lab.tabs).get(OTHER)).toBe('Tab 2')
  })

  it('puts round time labels on the axis', () => {
    expect(axisTicks(T0, T0 + 60_000)).toHaveLength(7)
    expect(axisTicks(T0 + 1, T0 + 180_000).every((at) => at % 30_000 === 0)).toBe(true)
  })

  it('says in words what each event means', () => {
    const mine = tab(THIS)
    expect(
      describeEvent(
        mine(0, { type: 'refresh-succeeded', durationMs: 41.6, source: 'network' }),
        en,
        english,
      ),
    ).toBe('Refresh call succeeded in 42 ms')
    expect(
      describeEvent(
        mine(0, {
          type: 'request-completed',
          method: 'get',
          url: '/me',
          status: 200,
          replayed: true,
        }),
        en,
        english,
      ),
    ).toBe('Request ok after a 401 and a replay: GET /me → 200')
    expect(
      describeEvent(
        mine(0, { type: 'token-received', expiresInMs: 270_000, source: 'network' }),
        ko,
        formatters('ko', ko.devices.justNow),
      ),
    ).toBe('서버에서 액세스 토큰을 받음, 유효 기간 4분 30초')
  })
})
