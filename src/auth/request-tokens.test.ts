// @vitest-environment node
import { describe, expect, it } from 'vitest'
import { DEMO_USER } from '../test/demo-user'
import { manualTime } from '../test/manual-time'
import type { AuthState } from './auth-state'
import { createDeferred, type Deferred } from './deferred'
import { AuthError, sessionEndedError } from './errors'
import { createRequestTokens } from './request-tokens'
import { createRetry } from './retry'
import { createSingleFlight } from './single-flight'
import { createStepUp } from './step-up'
import { createTokenStore, type AccessToken } from './token-store'

const LIFETIME_SEC = 300
const LIFETIME_MS = LIFETIME_SEC * 1000

const told = { endedBecause: null, sessionExpiresAt: null } as const
const STATES = {
  restoring: { ...told, phase: 'restoring', retrying: false, user: null },
  'signed-in': { ...told, phase: 'signed-in', user: DEMO_USER },
  reconnecting: { ...told, phase: 'reconnecting', user: DEMO_USER },
  'signing-out': { ...told, phase: 'signing-out', user: DEMO_USER },
  'signed-out': { ...told, phase: 'signed-out', logoutPending: false, user: null },
} satisfies Record<AuthState['phase'], AuthState>

/**
 * What a request asks of a session, with the session played by the test: its phase, its token,
 * a restore, and refreshes that the test answers one by one.
 */
function requestsIn(phase: AuthState['phase']) {
  const time = manualTime()
  const store = createTokenStore(time.now, null)
  const flight = createSingleFlight<AccessToken>()
  const retry = createRetry(time.now, () => 0)
  const session: { state: AuthState; restores: number; refreshes: number } = {
    state: STATES[phase],
    restores: 0,
    refreshes: 0,
  }
  /** What the restore finds; by default nobody. */
  let restoring: () => void = () => {
    session.state = STATES['signed-out']
  }
  /** The answers of the refreshes begun and not yet answered, and whoever waits for one. */
  const refreshAnswers: Array<Deferred<AccessToken>> = []
  const askedFor = new Set<() => void>()
  function refresh(): Promise<AccessToken> {
    session.refreshes++
    return flight.run(() => {
      const answer = createDeferred<AccessToken>()
      refreshAnswers.push(answer)
      for (const asked of askedFor) asked()
      return answer.promise
    })
  }
  /** Resolves with the answer of the oldest refresh not yet answered, once it has begun. */
  const refreshBegun = (): Promise<Deferred<AccessToken>> =>
    new Promise((resolve) => {
      const check = () => {
        const answer = refreshAnswers.shift()
        if (!answer) return
        askedFor.delete(check)
        resolve(answer)
      }
      askedFor.add(check)
      check()
    })
  const stepUp = createStepUp({
    reauthenticate: () => Promise.reject(new Error('no step-up in these tests')),
    user: () => null,
  })
  const requests = createRequestTokens({
    state: () => session.state,
    restore() {
      session.restores++
      restoring()
      return Promise.resolve()
    },
    refresh,
    flight,
    store,
    retry,
    stepUp,
    sessionEnded: sessionEndedError,
  })
  /** Answers the refresh in flight with a new token, once it has been asked for. */
  async function answerRefresh(value = 'refreshed', lifetimeSec = LIFETIME_SEC) {
    const answer = await refreshBegun()
    const token = store.set(value, lifetimeSec)
    answer.resolve(token)
    return token
  }
  return {
    ...requests,
    time,
    store,
    flight,
    retry,
    stepUp,
    session,
    refresh,
    answerRefresh,
    whenRestored(run: () => void) {
      restoring = run
    },
  }
}

describe('a token for a request', () => {
  it('waits for the restore, then takes the session it found', async () => {
    const tab = requestsIn('restoring')
    tab.whenRestored(() => {
      tab.store.set('restored', LIFETIME_SEC)
      tab.session.state = STATES['signed-in']
    })

    const token = await tab.tokenForRequest()

    expect(token?.value).toBe('restored')
    expect(tab.session.restores).toBe(1)
  })

  it('restores nothing once the session is known', async () => {
    const tab = requestsIn('signed-in')
    const held = tab.store.set('held', LIFETIME_SEC)

    expect(await tab.tokenForRequest()).toBe(held)
    expect(tab.session.restores).toBe(0)
    expect(tab.session.refreshes).toBe(0)
  })

  it('is null, and starts no refresh, when there is no session', async () => {
    const tab = requestsIn('signed-out')

    expect(await tab.tokenForRequest()).toBeNull()
    expect(tab.session.refreshes).toBe(0)
  })

  it('comes from a refresh once the token held has just run out', async () => {
    const tab = requestsIn('signed-in')
    tab.store.set('held', LIFETIME_SEC)
    tab.time.advance(LIFETIME_MS)

    const outcome = tab.tokenForRequest()
    expect(tab.session.refreshes).toBe(1)
    const fresh = await tab.answerRefresh()

    expect(await outcome).toBe(fresh)
  })

  it('waits for the next scheduled attempt while reconnecting, and starts none of its own', async () => {
    const tab = requestsIn('reconnecting')
    tab.store.set('held', LIFETIME_SEC)
    tab.time.advance(LIFETIME_MS)

    const outcome = tab.tokenForRequest()
    expect(tab.session.refreshes).toBe(0)
    const fresh = tab.store.set('from-the-attempt', LIFETIME_SEC)
    tab.retry.attemptSettled({ value: fresh })

    expect(await outcome).toBe(fresh)
  })
})

describe('a token to send right now', () => {
  it('is null, not a wait, when signed out', () => {
    expect(requestsIn('signed-out').ready()).toBeNull()
  })

  it('is the token held while it has time left', () => {
    const tab = requestsIn('signed-in')
    const held = tab.store.set('held', LIFETIME_SEC)
    tab.time.advance(LIFETIME_MS - 1)

    expect(tab.ready()).toBe(held)
  })

  it('makes the request wait once the token held has just run out', () => {
    const tab = requestsIn('signed-in')
    tab.store.set('held', LIFETIME_SEC)
    tab.time.advance(LIFETIME_MS)

    expect(tab.ready()).toBeUndefined()
  })
})

describe('after a 401 for a token', () => {
  it('says the session ended, and refreshes nothing, once it is over', () => {
    for (const phase of ['signing-out', 'signed-out'] as const) {
      const tab = requestsIn(phase)

      expect(() => tab.afterRejection(1)).toThrow(AuthError)
      expect(() => tab.afterRejection(1)).toThrow('You need to sign in again.')
      expect(tab.session.refreshes).toBe(0)
    }
  })

  it('waits for the next scheduled attempt while reconnecting, and starts none of its own', async () => {
    const tab = requestsIn('reconnecting')
    const refused = tab.store.set('refused', LIFETIME_SEC)
    tab.time.advance(LIFETIME_MS)

    const outcome = tab.afterRejection(refused.epoch)
    expect(tab.session.refreshes).toBe(0)
    const fresh = tab.store.set('from-the-attempt', LIFETIME_SEC)
    tab.retry.attemptSettled({ value: fresh })

    expect(await outcome).toBe(fresh)
  })
})

describe('after a 401 asking for a fresh sign-in', () => {
  it('says the session ended, and asks for no sign-in, once it is over', () => {
    for (const phase of ['signing-out', 'signed-out'] as const) {
      const tab = requestsIn(phase)

      expect(() => tab.afterStepUpRequired(1)).toThrow('You need to sign in again.')
      expect(tab.stepUp.prompt()).toBeNull()
    }
  })

  it('asks for a fresh sign-in while the session lasts', () => {
    const tab = requestsIn('signed-in')
    const refused = tab.store.set('refused', LIFETIME_SEC)

    expect(tab.afterStepUpRequired(refused.epoch)).toBeInstanceOf(Promise)
    expect(tab.stepUp.prompt()).not.toBeNull()
  })
})

describe('a token for use outside a request', () => {
  it('is the token held when it has more than a second left', async () => {
    const tab = requestsIn('signed-in')
    const held = tab.store.set('held', LIFETIME_SEC)
    tab.time.advance(LIFETIME_MS - 1001)

    expect(await tab.validToken()).toBe(held)
    expect(tab.session.refreshes).toBe(0)
  })

  it('comes from a refresh when the token held has a second or less left', async () => {
    const tab = requestsIn('signed-in')
    tab.store.set('held', LIFETIME_SEC)
    tab.time.advance(LIFETIME_MS - 1000)

    const outcome = tab.validToken()
    const fresh = await tab.answerRefresh()

    expect(await outcome).toBe(fresh)
  })

  it('waits for the refresh in flight rather than hand out the token it replaces', async () => {
    const tab = requestsIn('signed-in')
    tab.store.set('held', LIFETIME_SEC)
    void tab.refresh() // a scheduled refresh is under way

    const outcome = tab.validToken()
    const fresh = await tab.answerRefresh('replacing')

    expect(await outcome).toBe(fresh)
    expect(tab.session.refreshes).toBe(1)
  })

  it('refreshes once more when the refresh it waited for brought a token about to run out', async () => {
    const tab = requestsIn('signed-in')
    void tab.refresh()

    const outcome = tab.validToken()
    await tab.answerRefresh('short-lived', 1)
    const fresh = await tab.answerRefresh('next')

    expect(await outcome).toBe(fresh)
    expect(tab.session.refreshes).toBe(2)
  })

  it('waits for the next scheduled attempt while reconnecting, however little the token has left', async () => {
    const tab = requestsIn('reconnecting')
    tab.store.set('held', LIFETIME_SEC)
    tab.time.advance(LIFETIME_MS - 1000)
    const nextAttempt = tab.retry.nextAttempt
    const waitingForAttempt = new Promise<void>((resolve) => {
      tab.retry.nextAttempt = () => {
        resolve()
        return nextAttempt()
      }
    })

    const outcome = tab.validToken()
    await waitingForAttempt
    const fresh = tab.store.set('from-the-attempt', LIFETIME_SEC)
    tab.retry.attemptSettled({ value: fresh })

    expect(await outcome).toBe(fresh)
    expect(tab.session.refreshes).toBe(0)
  })

  it('says the session ended when there is none to take a token from', async () => {
    const tab = requestsIn('signed-out')

    await expect(tab.validToken()).rejects.toMatchObject({
      kind: 'session_ended',
      message: 'You need to sign in again.',
    })
  })
})
