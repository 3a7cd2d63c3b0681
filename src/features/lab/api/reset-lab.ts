import { useMutation } from '@tanstack/react-query'
import { apiClient } from '../../../lib/api-client'
import { labKeys } from './get-lab-config'

/** Defaults, zero counters, seed data, and every session revoked (this one too). */
export async function resetLab(): Promise<void> {
  await apiClient.post('/__lab/reset', undefined, { skipAuth: true })
}

export const useResetLab = () =>
  useMutation({
    mutationKey: [...labKeys.all, 'reset'],
    mutationFn: resetLab,
    onSettled: (_data, _error, _variables, _result, { client }) =>
      client.invalidateQueries({ queryKey: labKeys.all }),
  })
