import { setupWorker } from 'msw/browser'
import { handlers } from './handlers/index.ts'

/**
 * The mock API in a service worker, for a backend-free static demo. Each tab has its own server
 * state here, and MSW can only simulate the HttpOnly cookie (it keeps it in localStorage):
 * cookie and multi-tab behaviour are exercised against the Node host instead.
 */
export const worker = setupWorker(...handlers)
