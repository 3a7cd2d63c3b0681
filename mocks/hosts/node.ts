import { setupServer } from 'msw/node'
import { handlers } from './handlers.ts'

/** The mock API inside Node's own fetch and http, for unit tests. */
export const server = setupServer(...handlers)
