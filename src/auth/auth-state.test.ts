// @vitest-environment node
import { describe, expect, it } from 'vitest'
import { DEMO_USER as user } from '../test/demo-user'
import {
  hasLiveSession,
  initialAuthState,
  isOver,
  isReconnecting,
  isSignedIn,
  transition,
  type AuthAction,
  type AuthState,
} from './auth-state'

type Phase = AuthState['phase']

const signedIn = {
  phase: 'signed-in',
  user,
  endedBecause: null,
  sessionExpiresAt: 9_000,
} satisfies AuthState
const nobody = { user: null, endedBecause: null, sessionExpiresAt: null } as const
const signedOut = { ...nobody, phase: 'signed-out', endedBecause: 'expired' } as const

/** Every phase, once for each value of the facts only it carries: the rows of the table. */
const STATES = {
  restoring: initialAuthState,
  'restoring, retrying': { ...nobody, phase: 'restoring', retrying: true },
  'signed-in': signedIn,
  reconnecting: { ...signedIn, phase: 'reconnecting' },
  'signing-out': { ...signedIn, phase: 'signing-out' },
  'signing-out before anyone was known': { ...nobody, phase: 'signing-out' },
  'signed-out': { ...signedOut, logoutPending: false },
  'signed-out, server not told': { ...signedOut, logoutPending: true },
} satisfies Record<string, AuthState>

type StateName = keyof typeof STATES

/** The same facts, in whatever order the keys were written. */
const sameFacts = (a: AuthState, b: AuthState): boolean => {
  const inKeyOrder = (_: string, value: unknown): unknown =>
    value && typeof value === 'object' && !Array.isArray(value)
      ? Object.fromEntries(Object.entries(value).sort(([x], [y]) => x.localeCompare(y)))
      : value
  return JSON.stringify(a, inKeyOrder) === JSON.stringify(b, inKeyOrder)
}
type ActionType = AuthAction['type']

/** One action of each type; the type checker says when a new type is missing here. */
const ACTIONS: { [Type in ActionType]: Extract<AuthAction, { type: Type }> } = {
  'tokens-accepted': { type: 'tokens-accepted', user, sessionExpiresAt: 10_000 },
  'refresh-failed-transiently': { type: 'refresh-failed-transiently' },
  'session-ended': { type: 'session-ended', reason: 'revoked' },
  'sign-out-started': { type: 'sign-out-started' },
  'signed-out': { type: 'signed-out', logoutPending: true },
  'logout-delivered': { type: 'logout-delivered' },
}

/** Each phase once, so that a phase added to the state without a row here fails to compile. */
const PHASES: Record<Phase, true> = {
  restoring: true,
  'signed-in': true,
  reconnecting: true,
  'signing-out': true,
  'signed-out': true,
}

type Row = Record<ActionType, readonly [Phase, Record<string, unknown>]>

/** What each state becomes on each action: the phase, and the facts it then holds. */
const TABLE: Record<StateName, Row> = {
  restoring: {
    'tokens-accepted': ['signed-in', { user, sessionExpiresAt: 10_000 }],
    'refresh-failed-transiently': ['restoring', { retrying: true }],
    'session-ended': ['signed-out', { endedBecause: 'revoked', logoutPending: false }],
    'sign-out-started': ['signing-out', { user: null }],
    'signed-out': ['signed-out', { endedBecause: null, logoutPending: true }],
    'logout-delivered': ['restoring', { retrying: false }],
  },
  'restoring, retrying': {
    'tokens-accepted': ['signed-in', { user }],
    'refresh-failed-transiently': ['restoring', { retrying: true }],
    'session-ended': ['signed-out', { endedBecause: 'revoked' }],
    'sign-out-started': ['signing-out', { user: null }],
    'signed-out': ['signed-out', { endedBecause: null, logoutPending: true }],
    'logout-delivered': ['restoring', { retrying: true }],
  },
  'signed-in': {
    'tokens-accepted': ['signed-in', { sessionExpiresAt: 10_000 }],
    'refresh-failed-transiently': ['reconnecting', { user, sessionExpiresAt: 9_000 }],
    'session-ended': ['signed-out', { endedBecause: 'revoked', user: null }],
    'sign-out-started': ['signing-out', { user }],
    'signed-out': ['signed-out', { endedBecause: 'user', logoutPending: true }],
    'logout-delivered': ['signed-in', {}],
  },
  reconnecting: {
    'tokens-accepted': ['signed-in', { user, sessionExpiresAt: 10_000 }],
    'refresh-failed-transiently': ['reconnecting', {}],
    'session-ended': ['signed-out', { endedBecause: 'revoked', sessionExpiresAt: null }],
    'sign-out-started': ['signing-out', { user }],
    'signed-out': ['signed-out', { endedBecause: 'user' }],
    'logout-delivered': ['reconnecting', {}],
  },
  'signing-out': {
    // A token answer that arrives once a sign-out has begun belongs to the ended session.
    'tokens-accepted': ['signing-out', { sessionExpiresAt: 9_000 }],
    'refresh-failed-transiently': ['signing-out', {}],
    // The sign-out under way ends the session itself, and says it was the user.
    'session-ended': ['signing-out', { endedBecause: null }],
    'sign-out-started': ['signing-out', {}],
    'signed-out': ['signed-out', { endedBecause: 'user', user: null, logoutPending: true }],
    'logout-delivered': ['signing-out', {}],
  },
  'signing-out before anyone was known': {
    'tokens-accepted': ['signing-out', { user: null }],
    'refresh-failed-transiently': ['signing-out', {}],
    'session-ended': ['signing-out', {}],
    'sign-out-started': ['signing-out', {}],
    // Nobody's session ended: there is nothing to tell.
    'signed-out': ['signed-out', { endedBecause: null, logoutPending: true }],
    'logout-delivered': ['signing-out', {}],
  },
  'signed-out': {
    'tokens-accepted': ['signed-in', { user, endedBecause: 'expired' }],
    'refresh-failed-transiently': ['signed-out', {}],
    // Already out: a refusal that names its cause (a first restore's) says so.
    'session-ended': ['signed-out', { endedBecause: 'revoked' }],
    'sign-out-started': ['signing-out', { user: null, endedBecause: 'expired' }],
    'signed-out': ['signed-out', { endedBecause: 'expired', logoutPending: true }],
    'logout-delivered': ['signed-out', { logoutPending: false }],
  },
  'signed-out, server not told': {
    // A new session replaces the cookie the owed logout would have named.
    'tokens-accepted': ['signed-in', { user }],
    'refresh-failed-transiently': ['signed-out', { logoutPending: true }],
    'session-ended': ['signed-out', { endedBecause: 'revoked', logoutPending: true }],
    'sign-out-started': ['signing-out', {}],
    'signed-out': ['signed-out', { logoutPending: true }],
    'logout-delivered': ['signed-out', { logoutPending: false }],
  },
}

const stateNames = Object.keys(STATES) as StateName[]
const actionTypes = Object.keys(ACTIONS) as ActionType[]
/** Every state with every action: the table is looked up, never walked, so a gap shows. */
const cases = stateNames.flatMap((from) => actionTypes.map((action) => ({ from, action })))

describe('the auth state transition', () => {
  it('has a state of every phase', () => {
    expect(new Set(Object.values(STATES).map((state) => state.phase))).toEqual(
      new Set(Object.keys(PHASES)),
    )
  })

  it.each(cases)('$from on $action is in the table', ({ from, action }) => {
    expect(TABLE[from]?.[action]).toBeDefined()
  })

  it.each(cases)('$from on $action becomes what the table says', ({ from, action }) => {
    const before: AuthState = STATES[from]
    const frozen = structuredClone(before)
    const after = transition(before, ACTIONS[action])
    const [phase, facts] = TABLE[from]?.[action] ?? []
    expect(after.phase).toBe(phase)
    expect(after).toMatchObject(facts ?? {})
    expect(before).toEqual(frozen)
  })

  it.each(cases)(
    '$from on $action returns the very same state exactly when it changes nothing, so nobody re-renders',
    ({ from, action }) => {
      const before: AuthState = STATES[from]
      const after = transition(before, ACTIONS[action])
      expect(after === before).toBe(sameFacts(after, before))
    },
  )

  it('keeps the very same state when a signed-out tab hears of an end with nothing to tell', () => {
    const before: AuthState = STATES['signed-out']
    expect(transition(before, { type: 'session-ended', reason: 'other-tab' })).toBe(before)
  })

  it('keeps the same user object when a refresh brings an equal one', () => {
    const after = transition(signedIn, {
      type: 'tokens-accepted',
      user: { ...user },
      sessionExpiresAt: 10_000,
    })
    expect(after.user).toBe(signedIn.user)
  })

  it('takes the new user when a refresh brings a changed one', () => {
    const renamed = { ...user, displayName: 'Demo, renamed' }
    const after = transition(signedIn, {
      type: 'tokens-accepted',
      user: renamed,
      sessionExpiresAt: signedIn.sessionExpiresAt,
    })
    expect(after.user).toEqual(renamed)
  })

  it('wakes nobody for a refresh that brings the same user and the same session end', () => {
    const after = transition(signedIn, {
      type: 'tokens-accepted',
      user: { ...user },
      sessionExpiresAt: signedIn.sessionExpiresAt,
    })
    expect(after).toBe(signedIn)
  })

  // A sign-out under way ends the session itself, so an end on the way is left to it (table above).
  it.each(stateNames.filter((name) => STATES[name].phase !== 'signing-out'))(
    'holds no user and no session end once signed out from %s',
    (from) => {
      const after = transition(STATES[from], { type: 'session-ended', reason: 'reused' })
      expect(after).toMatchObject({ phase: 'signed-out', user: null, sessionExpiresAt: null })
    },
  )
})

describe('what is read from the state, never stored', () => {
  /** A user known, a token to hand out, a refresh being retried, a sign-out begun or done. */
  const READINGS = {
    restoring: [false, false, false, false],
    'restoring, retrying': [false, false, true, false],
    'signed-in': [true, true, false, false],
    reconnecting: [true, true, true, false],
    'signing-out': [true, false, false, true],
    'signing-out before anyone was known': [false, false, false, true],
    'signed-out': [false, false, false, true],
    'signed-out, server not told': [false, false, false, true],
  } satisfies Record<StateName, readonly [boolean, boolean, boolean, boolean]>

  it.each(Object.entries(READINGS))(
    'reads from %s whether a user is known, a token may go out, a refresh is retried, it is over',
    (name, readings) => {
      const state: AuthState = STATES[name as StateName]
      expect([
        isSignedIn(state),
        hasLiveSession(state),
        isReconnecting(state),
        isOver(state),
      ]).toEqual(readings)
    },
  )
})
