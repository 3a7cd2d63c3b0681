import { getResponse } from 'msw'
import { z } from 'zod'
import { handlers } from './handlers.ts'
import { providerNow, providerState, type AuthorizationCodeRecord } from '../providers/state.ts'
import { SOCIAL_PROVIDERS } from '../../contract/providers.ts'

/**
 * Two gaps of the in-page (service worker) host that the OAuth round trip falls into, and their
 * fill. Neither exists in the Node host, where the server is a server.
 *
 * 1. MSW's worker answers `fetch` and XHR only and lets page navigations through to the network,
 *    so a document under `/api/` (a mock provider's consent page) reaches the static host, which
 *    answers with the SPA's index.html. The page then asks the handlers itself and draws their
 *    answer in place of the app; the consent form is sent to the handlers the same way, and a
 *    redirect in the answer becomes a real navigation.
 * 2. The mock server's state lives in the page and dies with it, but the trip to the provider and
 *    back is two page loads: the authorization codes (hashes only, as in the server) are carried
 *    over in this tab's sessionStorage, the tab being where this host's state lives anyway.
 */

const CODES_KEY = 'reel.mock.oauth-authorization-codes'

const codeRecordSchema = z.object({
  provider: z.enum(SOCIAL_PROVIDERS),
  clientId: z.string(),
  redirectUri: z.string(),
  codeChallenge: z.string().nullable(),
  subject: z.string(),
  expiresAt: z.number(),
  usedAt: z.number().nullable(),
}) satisfies z.ZodType<AuthorizationCodeRecord>

/**
 * Takes the codes left by the previous page of this tab, and leaves this page's live ones to the
 * next. Between the two nothing is stored, and a code past its 60 seconds is not carried on.
 */
export function keepAuthorizationCodesAcrossPages(storage: Storage = sessionStorage): void {
  let raw: unknown = []
  try {
    raw = JSON.parse(storage.getItem(CODES_KEY) ?? '[]')
  } catch {
    // Unreadable leftovers are no codes at all.
  }
  storage.removeItem(CODES_KEY)
  const saved = z.array(z.tuple([z.string(), codeRecordSchema])).safeParse(raw)
  if (saved.success)
    for (const [hash, record] of saved.data) providerState.authorizationCodes.set(hash, record)
  addEventListener('pagehide', () => {
    const live = [...providerState.authorizationCodes].filter(
      ([, record]) => record.expiresAt > providerNow(),
    )
    if (live.length > 0) storage.setItem(CODES_KEY, JSON.stringify(live))
  })
}

async function respond(request: Request): Promise<Response> {
  const response = await getResponse(handlers, request, { baseUrl: location.origin })
  return response ?? new Response('Not found', { status: 404 })
}

/** Shows a handler's answer as the browser would show a server's. */
async function show(response: Response): Promise<void> {
  const location = response.headers.get('Location')
  if (response.status >= 300 && response.status < 400 && location) {
    window.location.assign(location)
    return
  }
  const body = await response.text()
  const html = response.headers.get('Content-Type')?.startsWith('text/html')
  const parsed = new DOMParser().parseFromString(html ? body : '<pre></pre>', 'text/html')
  if (!html) parsed.querySelector('pre')?.append(body)
  document.replaceChild(document.adoptNode(parsed.documentElement), document.documentElement)
}

/** A form on a drawn page goes to the handlers, with the button that sent it. */
function sendFormsToHandlers(): void {
  document.addEventListener('submit', (event) => {
    const form = event.target
    if (!(form instanceof HTMLFormElement)) return
    event.preventDefault()
    const fields = new URLSearchParams()
    for (const [name, value] of new FormData(form, event.submitter)) {
      if (typeof value === 'string') fields.append(name, value)
    }
    const request = new Request(new URL(form.action, location.href), {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: fields,
    })
    void respond(request).then(show)
  })
}

/**
 * When this page is a document under `/api/`, draws the mock backend's answer for it instead of
 * the app and returns true.
 */
export async function renderApiDocument(): Promise<boolean> {
  if (!location.pathname.startsWith('/api/')) return false
  sendFormsToHandlers()
  await show(await respond(new Request(location.href, { headers: { Accept: 'text/html' } })))
  return true
}
