import type { PublicKeyCredentialCreationOptionsJSON } from '@simplewebauthn/browser'
import { apiClient } from '../../../lib/api-client'
import { creationOptionsSchema } from '../webauthn-options'

/** Creation options for a new passkey: a fresh single-use challenge, the user's passkeys excluded. */
export async function getRegistrationOptions(): Promise<PublicKeyCredentialCreationOptionsJSON> {
  const { data } = await apiClient.post<unknown>('/auth/passkeys/registration-options', {})
  return creationOptionsSchema.parse(data)
}
