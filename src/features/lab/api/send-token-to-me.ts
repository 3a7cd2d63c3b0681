import { isAxiosError } from 'axios'
import { apiClient } from '../../../lib/api-client'
import { problemOf } from '../../../lib/problem'

/**
 * What the server said to a token: the status, and the problem's code if refused. Its English
 * title stays out: the lab words the code in the page's language.
 */
export interface TokenVerdict {
  status: number | null
  code: string | null
}

/**
 * Sends exactly `token` to `GET /api/me`, bypassing the auth core: the lab uses it to show what
 * the server does with a token as given (a forged one, or the current one unchanged).
 */
export async function sendTokenToMe(token: string): Promise<TokenVerdict> {
  try {
    // skipAuth: this request carries exactly the token given, and a 401 must not trigger a refresh.
    const response = await apiClient.get('/me', {
      skipAuth: true,
      headers: { Authorization: `Bearer ${token}` },
    })
    return { status: response.status, code: null }
  } catch (error) {
    if (!isAxiosError(error)) throw error
    return { status: error.response?.status ?? null, code: problemOf(error)?.code ?? null }
  }
}
