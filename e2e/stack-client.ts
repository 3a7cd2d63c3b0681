import { readFileSync } from 'node:fs'
import { request as httpRequest } from 'node:http'
import { request as httpsRequest } from 'node:https'
import { z } from 'zod'
import { readStackState } from '../scripts/stack/state.ts'

/**
 * A device talking to the stack (`npm run stack`) from Node: to nginx over HTTPS, or to one
 * Django instance directly, past nginx, as nginx itself does. It keeps its refresh cookie as a
 * browser would, and can connect from a chosen loopback address (127.0.0.2, 127.0.0.3, …) to
 * stand for another client.
 */

export const stack = readStackState()
const ca = readFileSync(stack.certificate, 'utf8')
const REFRESH_COOKIE = '__Secure-reel_rt'

export interface Reply {
  status: number
  headers: Record<string, string | string[] | undefined>
  body: unknown
}

const tokenResponseSchema = z.object({ accessToken: z.string() })

export class Device {
  private refreshCookie: string | undefined
  accessToken: string | undefined

  /** `from` is the local address the device connects from. */
  constructor(private readonly from = '127.0.0.1') {}

  async send(
    origin: string,
    method: string,
    path: string,
    body?: unknown,
    extraHeaders: Record<string, string> = {},
  ): Promise<Reply> {
    const url = new URL(path, origin)
    const headers: Record<string, string> = {
      'X-Requested-With': 'XMLHttpRequest',
      ...(body !== undefined && { 'Content-Type': 'application/json' }),
      ...(this.accessToken && { Authorization: `Bearer ${this.accessToken}` }),
      ...(this.refreshCookie && { Cookie: `${REFRESH_COOKIE}=${this.refreshCookie}` }),
      // Straight to an instance, the device says what nginx would have: the scheme it used.
      ...(url.protocol === 'http:' && { 'X-Forwarded-Proto': 'https' }),
      ...extraHeaders,
    }
    const reply = await exchange(url, { method, headers, localAddress: this.from }, body)
    this.keepCookie(reply.headers['set-cookie'])
    const tokens = tokenResponseSchema.safeParse(reply.body)
    if (reply.status === 200 && tokens.success) this.accessToken = tokens.data.accessToken
    return reply
  }

  signIn(origin: string, username: string, password: string) {
    return this.send(origin, 'POST', '/api/auth/login', { username, password })
  }

  private keepCookie(setCookie: string | string[] | undefined) {
    for (const cookie of [setCookie ?? []].flat()) {
      const [pair = ''] = cookie.split(';')
      const [name, value] = pair.split('=')
      if (name === REFRESH_COOKIE) this.refreshCookie = value || undefined
    }
  }
}

function exchange(
  url: URL,
  options: { method: string; headers: Record<string, string>; localAddress: string },
  body: unknown,
): Promise<Reply> {
  const request = url.protocol === 'https:' ? httpsRequest : httpRequest
  return new Promise((resolve, reject) => {
    const req = request(url, { ...options, ca }, (response) => {
      const chunks: Buffer[] = []
      response.on('data', (chunk: Buffer) => chunks.push(chunk))
      response.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8')
        const json = /json/.test(response.headers['content-type'] ?? '')
        resolve({
          status: response.statusCode ?? 0,
          headers: response.headers,
          body: json && text ? JSON.parse(text) : text,
        })
      })
    })
    req.on('error', reject)
    req.end(body === undefined ? undefined : JSON.stringify(body))
  })
}
