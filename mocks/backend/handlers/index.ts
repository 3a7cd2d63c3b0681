import { delay, http } from 'msw'
import { db } from '../db.ts'
import { json } from '../http-helpers.ts'
import { jwks } from '../tokens.ts'
import { authHandlers } from './auth.ts'
import { labHandlers } from './lab.ts'
import { meHandlers } from './me.ts'
import { movieHandlers } from './movies.ts'
import { passkeyHandlers } from './passkeys.ts'
import { passwordHandlers } from './password.ts'
import { providerLinkingHandlers } from './providers-linking.ts'
import { oauthHandlers } from './social-sign-in.ts'
import { reauthenticateHandlers } from './reauthenticate.ts'
import { sessionHandlers } from './sessions.ts'

/**
 * Latency from the lab; the refresh call has its own so its cost can be studied alone. The mock
 * providers stand for other servers, so Reel's latency is not theirs.
 */
export const latency = http.all('/api/*', async ({ request }) => {
  const path = new URL(request.url).pathname
  if (path.startsWith('/api/__lab/') || path.startsWith('/api/oauth/')) return
  const ms = path === '/api/auth/refresh' ? db.config.refreshLatencyMs : db.config.latencyMs
  if (ms > 0) await delay(ms)
})

const keys = http.get('/api/.well-known/jwks.json', () =>
  json(jwks, { headers: { 'Cache-Control': 'public, max-age=300' } }),
)

/** Every route of the contract; a host adds those of the servers it shares with the backend. */
export const backendRoutes = [
  keys,
  ...authHandlers,
  ...reauthenticateHandlers,
  ...passkeyHandlers,
  ...oauthHandlers,
  ...sessionHandlers,
  ...meHandlers,
  ...passwordHandlers,
  ...providerLinkingHandlers,
  ...movieHandlers,
  ...labHandlers,
]
