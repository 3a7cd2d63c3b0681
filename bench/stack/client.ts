import { Agent as HttpAgent, request as httpRequest, type IncomingHttpHeaders } from 'node:http'
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https'
import { z } from 'zod'
import { createCookieJar } from '../lib/cookie-jar'

export interface Reply {
  status: number
  headers: IncomingHttpHeaders
  body: unknown
}

const problemSchema = z.object({ code: z.string() })
const tokenResponseSchema = z.object({ accessToken: z.string(), expiresIn: z.number() })

/** The contract's `code` of a problem answer, if it is one. */
export function problemCode(reply: Reply): string | undefined {
  const problem = problemSchema.safeParse(reply.body)
  return problem.success ? problem.data.code : undefined
}

/**
 * One browser talking to the stack from Node: its own kept-alive connection and its own cookies,
 * so the refresh cookie chains from one answer to the next as it would in a browser. `origin` is
 * nginx over HTTPS (trusting the stack's certificate) or one Django instance over plain HTTP,
 * which is then told the scheme nginx would have forwarded.
 */
export function createBrowserClient(origin: string, ca: string, options: BrowserOptions = {}) {
  const secure = origin.startsWith('https:')
  const agent = secure
    ? new HttpsAgent({ keepAlive: true, maxSockets: 1, ca })
    : new HttpAgent({ keepAlive: true, maxSockets: 1 })
  const jar = createCookieJar()
  let accessToken: string | undefined

  async function send(method: string, path: string, body?: unknown): Promise<Reply> {
    const url = new URL(path, origin)
    const cookie = jar.header(url.pathname)
    const headers: Record<string, string> = {
      'X-Requested-With': 'XMLHttpRequest',
      ...(body !== undefined && { 'Content-Type': 'application/json' }),
      ...(accessToken && { Authorization: `Bearer ${accessToken}` }),
      ...(cookie && { Cookie: cookie }),
      ...(!secure && { 'X-Forwarded-Proto': 'https' }),
    }
    const reply = await exchange(url, { method, headers, agent }, body, secure).catch(
      (error: unknown) => {
        if (!options.onResend || !isClosedReusedConnection(error)) throw error
        options.onResend()
        return exchange(url, { method, headers, agent }, body, secure)
      },
    )
    jar.store(asList(reply.headers['set-cookie']))
    const tokens = tokenResponseSchema.safeParse(reply.body)
    if (reply.status === 200 && tokens.success) accessToken = tokens.data.accessToken
    return reply
  }

  return {
    send,
    signIn: (username: string, password: string) =>
      send('POST', '/api/auth/login', { username, password }),
    refresh: () => send('POST', '/api/auth/refresh'),
    get accessToken() {
      return accessToken
    },
    close: () => agent.destroy(),
  }
}

export type BrowserClient = ReturnType<typeof createBrowserClient>

export interface BrowserOptions {
  /**
   * Given, the client does what a browser does when a kept-alive connection it reused was
   * closed before any answer came (a server closing idle connections, as nginx does on a
   * reload): it sends the request once more on a new connection (Chromium's
   * HttpNetworkTransaction::ShouldResendRequest), and reports each time here.
   */
  onResend?: () => void
}

/** Thrown by exchange() for a request sent on a reused connection that closed with no answer. */
class ClosedReusedConnection extends Error {
  override readonly name = 'ClosedReusedConnection'
  /** The socket's own code (ECONNRESET), so a count by code reads as before. */
  readonly code: string | undefined
  constructor(cause: NodeJS.ErrnoException) {
    super(cause.message, { cause })
    this.code = cause.code
  }
}

function isClosedReusedConnection(error: unknown): boolean {
  return error instanceof ClosedReusedConnection
}

function asList(value: string | string[] | undefined): string[] {
  if (value === undefined) return []
  return Array.isArray(value) ? value : [value]
}

function exchange(
  url: URL,
  options: { method: string; headers: Record<string, string>; agent: HttpAgent },
  body: unknown,
  secure: boolean,
): Promise<Reply> {
  const send = secure ? httpsRequest : httpRequest
  return new Promise((resolve, reject) => {
    const req = send(url, options, (response) => {
      const chunks: Buffer[] = []
      response.on('data', (chunk: Buffer) => chunks.push(chunk))
      response.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8')
        resolve({
          status: response.statusCode ?? 0,
          headers: response.headers,
          body: parseJson(text),
        })
      })
      response.on('error', reject)
    })
    req.on('error', (error: NodeJS.ErrnoException) => {
      const closed = error.code === 'ECONNRESET' || error.code === 'EPIPE'
      reject(req.reusedSocket && closed ? new ClosedReusedConnection(error) : error)
    })
    req.end(body === undefined ? undefined : JSON.stringify(body))
  })
}

function parseJson(text: string): unknown {
  try {
    return text ? JSON.parse(text) : null
  } catch {
    return null
  }
}
