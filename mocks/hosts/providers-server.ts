import type { Server } from 'node:http'
import { http } from 'msw'
import { oauthProviderHandlers } from '../providers/handlers.ts'
import { serveHandlers, startServer } from './http.ts'
import { registeredAppOrigins } from '../providers/authorization-server.ts'
import { providerJson } from '../providers/dialects.ts'

export interface ProvidersServerOptions {
  port?: number
  host?: string
  /** Origins of the apps whose callbacks the providers may redirect to (the SPA's origin). */
  appOrigins?: readonly string[]
}

/**
 * The three mock providers on their own origin, with nothing of Reel's backend: any backend can
 * be pointed at `{origin}/api/oauth/{google,kakao,naver}`.
 */
export function startProvidersServer({
  port = 0,
  host = '127.0.0.1',
  appOrigins = [],
}: ProvidersServerOptions = {}): Promise<{ server: Server; origin: string }> {
  for (const origin of appOrigins) registeredAppOrigins.add(new URL(origin).origin)
  const notFound = http.all('/api/*', () =>
    providerJson({ error: 'not_found', error_description: 'No such endpoint.' }, 404),
  )
  return startServer(serveHandlers([...oauthProviderHandlers, notFound]), port, host)
}
