import '@testing-library/jest-dom/vitest'
import { cleanup } from '@testing-library/react'
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest'
import { resetDb } from '../../mocks/backend/db'
import { server } from '../../mocks/hosts/node'
import { providersHandler } from './provider-configs'

// The mock handlers are the server: a request no handler knows is a bug in the test, not a skip.
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
// Every test starts from the seed data and default lifetimes, whatever the last one changed.
beforeEach(() => resetDb())
// Provider discovery (contract v1.1) as the mock backend answers it.
beforeEach(() => server.use(providersHandler()))
// Handlers a test overrode with server.use() must not leak into the next test.
afterEach(() => {
  server.resetHandlers()
  cleanup()
})

/** Requests the mock server has begun and not yet finished handling. */
const handling = new Set<string>()
let lastAnswered: (() => void) | null = null
server.events.on('request:start', ({ requestId }) => handling.add(requestId))
server.events.on('request:end', ({ requestId }) => {
  handling.delete(requestId)
  if (handling.size === 0) lastAnswered?.()
})

/** A request a test holds on purpose may never end: a file waits this long for it at most. */
const LAST_ANSWER_WAIT_MS = 2000

/**
 * Resolves once the server has answered every request the file's tests started, and the answers
 * have reached their callers. A test may end while a page's queries are still on their way; an
 * answer delivered after the file's DOM is gone throws outside any test (`ProgressEvent is not
 * defined`) and fails the whole run.
 */
async function lastRequestAnswered(): Promise<void> {
  if (handling.size > 0) {
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, LAST_ANSWER_WAIT_MS)
      lastAnswered = () => {
        clearTimeout(timer)
        resolve()
      }
    })
  }
  // The XHR layer hands the body over after the server's answer: one turn of the event loop.
  await new Promise((resolve) => setTimeout(resolve, 0))
}

afterAll(async () => {
  await lastRequestAnswered()
  server.close()
})
