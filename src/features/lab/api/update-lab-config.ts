import { useMutation } from '@tanstack/react-query'
import { labConfigSchema, type LabConfig, type LabConfigPatch } from '../../../../contract/lab'
import { apiClient } from '../../../lib/api-client'
import { labKeys } from './get-lab-config'

/** Changes some of the mock backend's settings; the server answers with all of them. */
export async function updateLabConfig(patch: LabConfigPatch): Promise<LabConfig> {
  const { data } = await apiClient.patch<unknown>('/__lab/config', patch, { skipAuth: true })
  return labConfigSchema.parse(data)
}

export const useUpdateLabConfig = () =>
  useMutation({
    mutationKey: [...labKeys.config(), 'update'],
    mutationFn: updateLabConfig,
    onSuccess: (config, _patch, _result, { client }) =>
      client.setQueryData(labKeys.config(), config),
  })
