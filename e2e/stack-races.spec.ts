import { connect, type Socket } from 'node:net'
import { once } from 'node:events'
import { expect, test } from '@playwright/test'
import { Device, stack } from './stack-client'

// Two Django instances on one PostgreSQL database (`npm run stack`): requests that race for one
// session or one username on different instances must end as if they had come one by one.
// Each race is run many times, the two requests written at the same moment on connections
// opened beforehand, so that an unguarded read-then-write loses often enough to be seen.

const [first = '', second = ''] = stack.instances
const ALICE = { username: 'alice', password: 'alice-password-1' }
const REFRESH_COOKIE = '__Secure-reel_rt'
const PAIRS = 50

interface RawReply {
  status: number
  refreshCookie: string | undefined
  body: { code?: string; accessToken?: string }
}

/** A connection to an instance, opened before the race so that only writing is left. */
async function openConnection(instance: string): Promise<Socket> {
  const { hostname, port } = new URL(instance)
  const socket = connect({ host: hostname, port: Number(port) })
  await once(socket, 'connect')
  return socket
}

function rawPost(path: string, refreshToken: string): Buffer {
  return Buffer.from(
    [
      `POST ${path} HTTP/1.1`,
      `Host: 127.0.0.1`,
      'X-Requested-With: XMLHttpRequest',
      'X-Forwarded-Proto: https',
      `Cookie: ${REFRESH_COOKIE}=${refreshToken}`,
      'Content-Length: 0',
      'Connection: close',
      '',
      '',
    ].join('\r\n'),
  )
}

/** Reads the whole answer (the server closes the connection after it) and parses it. */
async function readReply(socket: Socket): Promise<RawReply> {
  const chunks: Buffer[] = []
  socket.on('data', (chunk: Buffer) => chunks.push(chunk))
  await once(socket, 'end')
  const text = Buffer.concat(chunks).toString('utf8')
  const [head = '', body = ''] = text.split('\r\n\r\n')
  const [statusLine = '', ...headerLines] = head.split('\r\n')
  const cookie = headerLines
    .map((line) => /^set-cookie:\s*__Secure-reel_rt=([^;]*)/i.exec(line)?.[1])
    .find((value) => value !== undefined)
  return {
    status: Number(statusLine.split(' ')[1]),
    refreshCookie: cookie || undefined,
    body: body ? (JSON.parse(body) as RawReply['body']) : {},
  }
}

/** Writes a cookie-only POST on an open connection; resolves with the answer. */
function post(socket: Socket, path: string, refreshToken: string): Promise<RawReply> {
  const reply = readReply(socket)
  socket.write(rawPost(path, refreshToken))
  return reply
}

/**
 * Sends one refresh token to two paths on the two instances at the same moment: both
 * connections are open before either request is written, and both are written in one tick.
 */
async function race(refreshToken: string, paths: readonly [string, string], swap: boolean) {
  const instances = swap ? [second, first] : [first, second]
  const sockets = await Promise.all(instances.map(openConnection))
  return Promise.all(sockets.map((socket, index) => post(socket, paths[index] ?? '', refreshToken)))
}

async function signIn(): Promise<{ device: Device; refreshToken: string }> {
  const device = new Device()
  const reply = await device.signIn(first, ALICE.username, ALICE.password)
  expect(reply.status).toBe(200)
  const cookie = [reply.headers['set-cookie'] ?? []].flat().join('\n')
  const refreshToken = new RegExp(`${REFRESH_COOKIE}=([^;]+)`).exec(cookie)?.[1]
  if (!refreshToken) throw new Error('the sign-in set no refresh cookie')
  return { device, refreshToken }
}

/** What a refresh answered is dead: its cookie cannot refresh, its access token is refused. */
async function expectRefusedAfterwards(device: Device, refreshed: RawReply) {
  const again = await post(
    await openConnection(second),
    '/api/auth/refresh',
    refreshed.refreshCookie ?? '',
  )
  expect(again.status).toBe(401)
  device.accessToken = refreshed.body.accessToken
  expect((await device.send(first, 'GET', '/api/me')).status).toBe(401)
}

test.beforeEach(async () => {
  expect((await new Device().send(stack.url, 'POST', '/api/__test__/reset')).status).toBe(204)
})

test('one refresh token sent to both instances at once rotates once; the other is reuse', async () => {
  for (let pair = 0; pair < PAIRS; pair += 1) {
    const { device, refreshToken } = await signIn()
    const replies = await race(
      refreshToken,
      ['/api/auth/refresh', '/api/auth/refresh'],
      pair % 2 === 1,
    )

    // Without a grace window the loser is reuse, which ends the family: no successor lives.
    expect(replies.map((reply) => reply.status).sort()).toEqual([200, 401])
    const winner = replies.find((reply) => reply.status === 200)
    const loser = replies.find((reply) => reply.status === 401)
    expect(loser?.body.code).toBe('refresh_reused')
    if (winner) await expectRefusedAfterwards(device, winner)
  }
})

test('a sign-out racing a refresh of its session never leaves the session alive', async () => {
  for (let pair = 0; pair < PAIRS; pair += 1) {
    const { device, refreshToken } = await signIn()
    const [refreshed, signedOut] = await race(
      refreshToken,
      ['/api/auth/refresh', '/api/auth/logout'],
      pair % 2 === 1,
    )

    expect(signedOut?.status).toBe(204)
    // The refresh may have come first (200) or after (401): either way nothing of it lives on.
    if (refreshed?.status === 200) await expectRefusedAfterwards(device, refreshed)
    else expect(refreshed?.body.code).toBe('session_revoked')
  }
})

test('wrong passwords for one username racing over both instances are counted exactly', async () => {
  const cap = 50
  const attempts = Array.from({ length: cap + 10 }, (_, index) => index)
  const device = new Device()
  // Each from an address of its own (as nginx, the trusted proxy, would name it), so only the
  // per-username cap can refuse them.
  const replies = await Promise.all(
    attempts.map((index) =>
      device.send(
        index % 2 ? second : first,
        'POST',
        '/api/auth/login',
        { username: ALICE.username, password: 'wrong' },
        { 'X-Forwarded-For': `198.51.100.${index + 1}` },
      ),
    ),
  )

  const statuses = replies.map((reply) => reply.status)
  expect(statuses.filter((status) => status === 401)).toHaveLength(cap)
  expect(statuses.filter((status) => status === 429)).toHaveLength(attempts.length - cap)
  const refused = await device.send(first, 'POST', '/api/auth/login', ALICE, {
    'X-Forwarded-For': '203.0.113.1',
  })
  expect(refused.status).toBe(429)
})
