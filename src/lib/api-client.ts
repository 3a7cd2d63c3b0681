import axios from 'axios'

/**
 * The one axios instance every feature uses. `AppProvider` installs the auth interceptor for its
 * session on it (see app/provider.tsx); the header is the API's CSRF defence for unsafe requests.
 */
export const apiClient = axios.create({
  baseURL: '/api',
  timeout: 15_000,
  headers: { 'X-Requested-With': 'XMLHttpRequest' },
})
