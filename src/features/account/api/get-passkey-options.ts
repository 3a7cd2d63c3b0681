import type { PublicKeyCredentialRequestOptionsJSON } from '@simplewebauthn/browser'
import { apiClient } from '../../../lib/api-client'
import { requestOptionsSchema } from '../webauthn-options'

/** Request options for a passkey sign-in: a fresh single-use challenge, any discoverable passkey. */
export async function getPasskeyOptions(): Promise<PublicKeyCredentialRequestOptionsJSON> {
  const { data } = await apiClient.post<unknown>('/auth/passkey/options', {})
  return requestOptionsSchema.parse(data)
}
