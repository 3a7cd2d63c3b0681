// @vitest-environment node
import { describe, expect, it } from 'vitest'
import { initialAuthState } from './auth-state'
import { createSessionState } from './session-state'

const USER = {
  id: 'u_demo',
  username: 'demo',
  displayName: 'Demo Viewer',
  email: 'demo@reel.example',
  providers: ['password'],
}

/** A session state with one watcher that counts how often it is woken. */
function watched() {
  const cell = createSessionState()
  let woken = 0
  const unsubscribe = cell.subscribe(() => woken++)
  return { cell, unsubscribe, woken: () => woken }
}

describe('the session state cell', () => {
  it('starts restoring and wakes its watchers when a change makes a new state', () => {
    const { cell, woken } = watched()
    expect(cell.get()).toBe(initialAuthState)

    cell.dispatch({ type: 'tokens-accepted', user: USER, sessionExpiresAt: null })

    expect(cell.get()).toMatchObject({ phase: 'signed-in', user: { id: 'u_demo' } })
    expect(woken()).toBe(1)
  })

  it('does not wake its watchers for an action that leaves the state as it was', () => {
    const { cell, woken } = watched()
    cell.dispatch({ type: 'tokens-accepted', user: USER, sessionExpiresAt: null })
    const before = cell.get()

    cell.dispatch({ type: 'tokens-accepted', user: { ...USER }, sessionExpiresAt: null })
    cell.dispatch({ type: 'logout-delivered' })

    expect(cell.get()).toBe(before)
    expect(woken()).toBe(1)
  })

  it('stops waking a watcher once it unsubscribed', () => {
    const { cell, unsubscribe, woken } = watched()

    unsubscribe()
    cell.dispatch({ type: 'tokens-accepted', user: USER, sessionExpiresAt: null })

    expect(cell.get().phase).toBe('signed-in')
    expect(woken()).toBe(0)
  })

  it('wakes nobody after it is stopped, but still takes changes', () => {
    const { cell, woken } = watched()

    cell.stop()
    cell.dispatch({ type: 'tokens-accepted', user: USER, sessionExpiresAt: null })

    expect(cell.get().phase).toBe('signed-in')
    expect(woken()).toBe(0)
  })
})
