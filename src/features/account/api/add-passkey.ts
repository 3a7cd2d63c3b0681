import { useMutation } from '@tanstack/react-query'
import {
  passkeySchema,
  passkeyRegistrationSchema,
  type Passkey,
} from '../../../../contract/account'
import { apiClient } from '../../../lib/api-client'
import { loadWebAuthn } from '../webauthn'
import { getRegistrationOptions } from './get-registration-options'
import { accountKeys } from './keys'

/**
 * Creates a passkey: the server's options, the browser's ceremony, then the server checks and
 * keeps it. Both server calls are step-up endpoints; if the first needs a fresh sign-in, the
 * auth core has it confirmed before the ceremony starts, so the second never needs one.
 */
/** `name` null lets the server name it; the user can rename it after. */
export async function addPasskey(name: string | null): Promise<Passkey> {
  const [{ startRegistration }, optionsJSON] = await Promise.all([
    loadWebAuthn(),
    getRegistrationOptions(),
  ])
  const credential = await startRegistration({ optionsJSON })
  const body = passkeyRegistrationSchema.parse(
    name === null ? { credential } : { credential, name },
  )
  const { data } = await apiClient.post<unknown>('/auth/passkeys', body)
  return passkeySchema.parse(data)
}

export const useAddPasskey = () =>
  useMutation({
    mutationKey: [...accountKeys.all, 'add-passkey'],
    mutationFn: addPasskey,
    // The list, and the account's passkey count.
    onSettled: (_data, _error, _name, _result, { client }) =>
      client.invalidateQueries({ queryKey: accountKeys.all }),
  })
