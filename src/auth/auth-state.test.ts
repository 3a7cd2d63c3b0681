import { describe, expect, it } from 'vitest'
import type { User } from './auth-api'
import {
  initialAuthState,
  phaseOf,
  transition,
  type AuthAction,
  type AuthPhase,
  type AuthState,
} from './auth-state'

const user: User = {
  id: 'u_demo',
  username: 'demo',
  displayName: 'Demo',
  email: 'demo@reel.example',
  providers: ['password'],
}

const signedIn: AuthState = {
  ...initialAuthState,
  status: 'signed-in',
  user,
  sessionExpiresAt: 9_000,
}

const STATES: Record<AuthPhase, AuthState> = {
  restoring: initialAuthState,
  'signed-in': signedIn,
  reconnecting: { ...signedIn, reconnecting: true },
  'signing-out': { ...signedIn, signingOut: true },
  'signed-out': { ...initialAuthState, status: 'signed-out', endedBecause: 'expired' },
}

const ACTIONS: Record<AuthAction['type'], AuthAction> = {
  'tokens-accepted': { type: 'tokens-accepted', user, sessionExpiresAt: 10_000 },
  'refresh-failed-transiently': { type: 'refresh-failed-transiently' },
  'session-ended': { type: 'session-ended', reason: 'revoked' },
  'sign-out-started': { type: 'sign-out-started' },
  'signed-out': { type: 'signed-out', logoutPending: true },
  'logout-delivered': { type: 'logout-delivered' },
}

/** What each state becomes on each action: the phase, and what the user is told. */
const TABLE: Record<AuthPhase, Record<AuthAction['type'], [AuthPhase, Partial<AuthState>]>> = {
  restoring: {
    'tokens-accepted': ['signed-in', { user, sessionExpiresAt: 10_000 }],
    'refresh-failed-transiently': ['restoring', { reconnecting: true }],
    'session-ended': ['signed-out', { endedBecause: 'revoked' }],
    'sign-out-started': ['signing-out', { status: 'restoring' }],
    'signed-out': ['signed-out', { endedBecause: null, logoutPending: true }],
    'logout-delivered': ['restoring', {}],
  },
  'signed-in': {
    'tokens-accepted': ['signed-in', { sessionExpiresAt: 10_000 }],
    'refresh-failed-transiently': ['reconnecting', { user }],
    'session-ended': ['signed-out', { endedBecause: 'revoked', user: null }],
    'sign-out-started': ['signing-out', { user }],
    'signed-out': ['signed-out', { endedBecause: 'user', logoutPending: true }],
    'logout-delivered': ['signed-in', {}],
  },
  reconnecting: {
    'tokens-accepted': ['signed-in', { reconnecting: false }],
    'refresh-failed-transiently': ['reconnecting', {}],
    'session-ended': ['signed-out', { endedBecause: 'revoked', reconnecting: false }],
    'sign-out-started': ['signing-out', { reconnecting: false }],
    'signed-out': ['signed-out', { endedBecause: 'user' }],
    'logout-delivered': ['reconnecting', {}],
  },
  'signing-out': {
    // A token answer that arrives once a sign-out has begun belongs to the ended session.
    'tokens-accepted': ['signing-out', { sessionExpiresAt: 9_000 }],
    'refresh-failed-transiently': ['signing-out', { reconnecting: false }],
    'session-ended': ['signing-out', {}],
    'sign-out-started': ['signing-out', {}],
    'signed-out': ['signed-out', { endedBecause: 'user', user: null, logoutPending: true }],
    'logout-delivered': ['signing-out', {}],
  },
  'signed-out': {
    'tokens-accepted': ['signed-in', { user, endedBecause: 'expired' }],
    'refresh-failed-transiently': ['signed-out', { reconnecting: false }],
    'session-ended': ['signed-out', { endedBecause: 'revoked' }],
    'sign-out-started': ['signing-out', { status: 'signed-out' }],
    'signed-out': ['signed-out', { endedBecause: 'expired', logoutPending: true }],
    'logout-delivered': ['signed-out', { logoutPending: false }],
  },
}

const cases = Object.entries(TABLE).flatMap(([from, row]) =>
  Object.entries(row).map(([action, [to, fields]]) => ({
    from: from as AuthPhase,
    action: action as AuthAction['type'],
    to,
    fields,
  })),
)

describe('the auth state transition', () => {
  it('covers every state with every action', () => {
    expect(cases).toHaveLength(Object.keys(STATES).length * Object.keys(ACTIONS).length)
  })

  it.each(cases)('$from on $action becomes $to', ({ from, action, to, fields }) => {
    const before = STATES[from]
    const frozen = structuredClone(before)
    const after = transition(before, ACTIONS[action])
    expect(phaseOf(after)).toBe(to)
    expect(after).toMatchObject(fields)
    expect(before).toEqual(frozen)
  })

  it.each(cases)(
    '$from on $action returns the very same state exactly when it changes nothing, so nobody re-renders',
    ({ from, action }) => {
      const before = STATES[from]
      const after = transition(before, ACTIONS[action])
      expect(after === before).toBe(JSON.stringify(after) === JSON.stringify(before))
    },
  )

  it('keeps the same user object when a refresh brings an equal one', () => {
    const after = transition(signedIn, {
      type: 'tokens-accepted',
      user: { ...user },
      sessionExpiresAt: 10_000,
    })
    expect(after.user).toBe(signedIn.user)
  })

  // A sign-out under way ends the session itself, so an end on the way is left to it (table above).
  it.each(Object.keys(STATES).filter((phase) => phase !== 'signing-out'))(
    'holds no user and no session end once signed out from %s',
    (from) => {
      const after = transition(STATES[from as keyof typeof STATES], {
        type: 'session-ended',
        reason: 'reused',
      })
      expect(after).toMatchObject({
        status: 'signed-out',
        user: null,
        sessionExpiresAt: null,
        reconnecting: false,
      })
    },
  )
})
