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
let lastEnded: (() => void) | null = null
server.events.on('request:start', ({ requestId }) => handling.add(requestId))
server.events.on('request:end', ({ requestId }) => {
  handling.delete(requestId)
  if (handling.size === 0) lastEnded?.()
})

/**
 * Resolves once the server has handled every request the file's tests started. A test may end
 * while a page's queries are still on their way; an answer delivered after the file's DOM is gone
 * throws outside any test (`ProgressEvent is not defined`) and fails the whole run. The answers
 * themselves reach their callers in microtasks after that, from bodies already in memory. A
 * request a test holds and never lets go fails this hook on its timeout, naming the file.
 */
function lastRequestEnded(): Promise<void> {
  if (handling.size === 0) return Promise.resolve()
  return new Promise((resolve) => (lastEnded = resolve))
}

afterAll(async () => {
  await lastRequestEnded()
  server.close()
})
