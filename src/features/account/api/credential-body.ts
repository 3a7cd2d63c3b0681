import type { AxiosRequestConfig } from 'axios'

/**
 * Request options that send `body`, which carries a credential (a password, an authorization
 * code), as JSON that survives a replay. The API client takes credentials out of a failed
 * request's config in place, before the auth core sees the error (lib/redact-error.ts), so a body
 * kept as the request's `data` would be sent again as "[redacted]" after a refresh or a step-up.
 * Written out from here at each sending instead, the body goes whole every time, and the error
 * a caller gets still holds it only redacted.
 *
 * @example
 * await apiClient.post('/me/password', undefined, credentialBody({ currentPassword, newPassword }))
 */
export function credentialBody(body: object): AxiosRequestConfig {
  return {
    headers: { 'Content-Type': 'application/json' },
    transformRequest: () => JSON.stringify(body),
  }
}
