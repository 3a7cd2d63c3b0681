import { getResponse } from 'msw'
import { setupWorker } from 'msw/browser'
import { keepAuthorizationCodesAcrossPages, renderApiDocument } from './browser-documents.ts'
import { handlers } from './handlers.ts'
import { oauthProviderHandlers } from '../providers/handlers.ts'
import { configureProviderTransport } from '../backend/provider-transport.ts'

/**
 * The mock API in a service worker, for a backend-free static demo. Each tab has its own server
 * state here, and MSW can only simulate the HttpOnly cookie (it keeps it in localStorage):
 * cookie and multi-tab behaviour are exercised against the Node host instead.
 */
export const worker = setupWorker(...handlers)

/**
 * Starts the mock backend in this tab. Returns false when the page is one of the backend's own
 * (a mock provider's consent page), drawn instead of the app.
 */
export async function startWorkerHost(): Promise<boolean> {
  // No server to call here: the backend's requests to the providers go to their handlers in the
  // page, the same requests a server would send over HTTP.
  configureProviderTransport({
    fetch: async (request) =>
      (await getResponse(oauthProviderHandlers, request)) ??
      new Response('Not found', { status: 404 }),
  })
  keepAuthorizationCodesAcrossPages()
  if (await renderApiDocument()) return false
  await worker.start({ onUnhandledRequest: 'bypass', quiet: true })
  return true
}
