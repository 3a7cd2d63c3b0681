import { expect, test } from '@playwright/test'
import { Device, stack } from './stack-client'

// Two Django instances behind one nginx (`npm run stack`) must behave as one server: whatever
// one instance knows about a session, a key or a failed sign-in, the other knows at once.

const [first = '', second = ''] = stack.instances
const ALICE = { username: 'alice', password: 'alice-password-1' }

test.beforeEach(async () => {
  expect((await new Device().send(stack.url, 'POST', '/api/__test__/reset')).status).toBe(204)
})

test('both instances publish the same signing key', async () => {
  const device = new Device()
  const [one, other] = await Promise.all(
    [first, second].map((instance) => device.send(instance, 'GET', '/api/.well-known/jwks.json')),
  )
  expect(one?.status).toBe(200)
  expect(one?.body).toEqual(other?.body)
})

test('a session made on one instance refreshes on the other', async () => {
  const device = new Device()
  expect((await device.signIn(first, ALICE.username, ALICE.password)).status).toBe(200)
  const issued = device.accessToken

  const refreshed = await device.send(second, 'POST', '/api/auth/refresh')

  expect(refreshed.status).toBe(200)
  expect(device.accessToken).not.toBe(issued)
  // And the other instance accepts what the first one signed.
  expect((await device.send(first, 'GET', '/api/me')).status).toBe(200)
})

test('a device signed out on one instance has its access token refused on the other', async () => {
  const device = new Device()
  await device.signIn(first, ALICE.username, ALICE.password)
  expect((await device.send(second, 'GET', '/api/me')).status).toBe(200)
  const token = device.accessToken

  expect((await device.send(first, 'POST', '/api/auth/logout')).status).toBe(204)

  device.accessToken = token
  const refused = await device.send(second, 'GET', '/api/me')
  expect(refused.status).toBe(401)
  expect(refused.body).toMatchObject({ code: 'token_invalid' })
})

test('failed sign-ins count across both instances', async () => {
  const device = new Device()
  // Five failures, taking turns between the instances: the pair is then locked on both.
  for (let attempt = 0; attempt < 5; attempt += 1) {
    const reply = await device.signIn(attempt % 2 ? second : first, ALICE.username, 'wrong')
    expect(reply.status).toBe(401)
  }
  for (const instance of [first, second]) {
    const refused = await device.signIn(instance, ALICE.username, ALICE.password)
    expect(refused.status).toBe(429)
    expect(refused.headers['retry-after']).toMatch(/^\d+$/)
  }
})

test('five wrong passwords from one address never lock out another, through nginx', async () => {
  const attacker = new Device('127.0.0.2')
  for (let attempt = 0; attempt < 5; attempt += 1) {
    // It claims to be the other client: nginx overwrites the claim with the address it saw.
    const reply = await attacker.send(
      stack.url,
      'POST',
      '/api/auth/login',
      { username: ALICE.username, password: 'wrong' },
      { 'X-Forwarded-For': '127.0.0.3' },
    )
    expect(reply.status).toBe(401)
  }
  expect((await attacker.signIn(stack.url, ALICE.username, ALICE.password)).status).toBe(429)

  const alice = new Device('127.0.0.3')
  expect((await alice.signIn(stack.url, ALICE.username, ALICE.password)).status).toBe(200)
})

test('API answers carry nginx’s header policy alone, not a second one from Django', async () => {
  const reply = await new Device().send(stack.url, 'GET', '/api/.well-known/jwks.json')

  // Node joins a header sent twice into one list: a lone value means it came once.
  expect(reply.headers['referrer-policy']).toBe('strict-origin-when-cross-origin')
  expect(reply.headers['x-content-type-options']).toBe('nosniff')
  expect(reply.headers['content-security-policy']).not.toContain(',')
})
