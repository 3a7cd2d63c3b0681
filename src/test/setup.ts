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
afterAll(() => server.close())
