import axios from 'axios'
import { redactErrorsOf } from './redact-error'

/**
 * The one axios instance every feature uses. `AppProvider` installs the auth interceptor for its
 * session on it (see app/provider.tsx); the header is the API's CSRF defence for unsafe requests.
 * Its errors never carry the token: the redaction is installed first, so it runs before the
 * auth interceptor or any caller sees them.
 */
export const apiClient = redactErrorsOf(
  axios.create({
    baseURL: '/api',
    timeout: 15_000,
    headers: { 'X-Requested-With': 'XMLHttpRequest' },
  }),
)
