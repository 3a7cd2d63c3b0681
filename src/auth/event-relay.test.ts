import { describe, expect, it } from 'vitest'
import { awaitableList, createTab, DEMO, stateReached } from '../test/auth-harness'
import { createFakeTabsEnvironment } from '../test/fake-tabs'
import type { AuthEvent } from './events'
import { relayEvents, subscribeToAllTabs } from './event-relay'

/** Two tabs sharing locks and the token channel, as one origin's tabs do in a browser. */
function twoTabs() {
  const env = createFakeTabsEnvironment()
  const a = createTab({ locks: env.locks, channel: env.openChannel() })
  const b = createTab({ locks: env.locks, channel: env.openChannel() })
  return { env, a, b }
}

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
