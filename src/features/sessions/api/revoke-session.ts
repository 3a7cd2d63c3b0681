import { useMutation } from '@tanstack/react-query'
import { isAxiosError } from 'axios'
import { apiClient } from '../../../lib/api-client'
import { sessionKeys } from './get-sessions'

/** Signs one of the user's other devices out. A session that is already gone counts as done. */
export async function revokeSession(sessionId: string): Promise<void> {
  try {
    await apiClient.delete(`/auth/sessions/${encodeURIComponent(sessionId)}`)
  } catch (error) {
    if (isAxiosError(error) && error.response?.status === 404) return
    throw error
  }
}

export const useRevokeSession = () =>
  useMutation({
    mutationKey: [...sessionKeys.all, 'revoke'],
    mutationFn: revokeSession,
    onSettled: (_data, _error, _id, _result, { client }) =>
      client.invalidateQueries({ queryKey: sessionKeys.all }),
  })
