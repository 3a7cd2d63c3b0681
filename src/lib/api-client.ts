import axios from 'axios'

/**
 * The one axios instance every feature uses. The auth interceptor is installed on it at start-up
 * (see app/auth.ts); the header is the API's CSRF defence for unsafe requests.
 */
export const apiClient = axios.create({
  baseURL: '/api',
  timeout: 15_000,
  headers: { 'X-Requested-With': 'XMLHttpRequest' },
})
