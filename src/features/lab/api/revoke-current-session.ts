import { deviceSessionListSchema } from '../../../../contract/sessions'
import { apiClient } from '../../../lib/api-client'

/** The server listed no session as this token's own, so there was nothing to revoke. */
export class NoCurrentSessionError extends Error {
  constructor() {
    super('The server lists no current session for this token.')
    this.name = 'NoCurrentSessionError'
  }
}

/**
 * Ends this page's session on the server, as an administrator or a stolen-laptop report would:
 * finds the session the access token belongs to and deletes it. The server then refuses that
 * session's access tokens and its refresh token alike.
 */
export async function revokeCurrentSession(): Promise<{ sessionId: string }> {
  const { data } = await apiClient.get<unknown>('/auth/sessions')
  const current = deviceSessionListSchema.parse(data).find((session) => session.current)
  if (!current) throw new NoCurrentSessionError()
  await apiClient.delete(`/auth/sessions/${encodeURIComponent(current.id)}`)
  return { sessionId: current.id }
}
