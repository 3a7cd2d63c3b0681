import { http } from 'msw'
import { alsoResetWithDb, serverNow } from '../backend/db.ts'
import { backendRoutes, latency } from '../backend/handlers/index.ts'
import { methodNotAllowed } from '../backend/method-not-allowed.ts'
import { notFound } from '../backend/problem.ts'
import { oauthProviderHandlers } from '../providers/handlers.ts'
import { resetProviderState, shareProviderClock } from '../providers/state.ts'

// One host, one lab: its reset and its clock skew reach the mock providers served beside Reel.
alsoResetWithDb(resetProviderState)
shareProviderClock(serverNow)

const routes = [...backendRoutes, ...oauthProviderHandlers]

/** Every route of Reel's mock backend and of the mock providers, in the order they are tried. */
export const handlers = [
  latency,
  ...routes,
  methodNotAllowed(routes),
  http.all('/api/*', () => notFound('No such endpoint.')),
]
