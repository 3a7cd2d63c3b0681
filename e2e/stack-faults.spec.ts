import { expect, test } from '@playwright/test'
import {
  childrenOf,
  killWorker,
  reloadNginx,
  restartPostgres,
  stopInstance,
} from '../scripts/stack/faults.ts'
import { readStackState } from '../scripts/stack/state.ts'
import { Device, stack } from './stack-client'

// One fault at a time under the stack (`npm run test:stack`), and then the checks that the
// system still answers as it should: each part that can fail alone is covered by another, or
// comes back on its own, without anything else being restarted.

const [first = '', second = ''] = stack.instances
const ALICE = { username: 'alice', password: 'alice-password-1' }
const ROUNDS = 10

test.beforeEach(async () => {
  expect((await new Device().send(stack.url, 'POST', '/api/__test__/reset')).status).toBe(204)
})

async function signedIn() {
  const device = new Device()
  expect((await device.signIn(stack.url, ALICE.username, ALICE.password)).status).toBe(200)
  return device
}

/** Every one of `ROUNDS` calls to `/api/me` at `origin` is answered 200. */
async function expectServed(device: Device, origin: string) {
  for (let round = 0; round < ROUNDS; round += 1) {
    const me = await device.send(origin, 'GET', '/api/me')
    expect(me.status, `round ${round}`).toBe(200)
  }
}

test('a gunicorn worker killed outright is replaced and its instance serves on', async () => {
  const device = await signedIn()
  const state = readStackState()
  const master = state.gunicornPids[0] ?? 0
  const workers = childrenOf(master).length

  const killed = await killWorker(state, 0)

  await expect.poll(() => childrenOf(master).length).toBe(workers)
  expect(childrenOf(master)).not.toContain(killed)
  await expectServed(device, first)
})

test('with one instance stopped, nginx serves every request from the other', async () => {
  const device = await signedIn()
  const state = readStackState()

  await stopInstance(state, 0)

  // Sign-ins, refreshes and reads all find the instance that is left (or the one started again).
  for (let round = 0; round < ROUNDS; round += 1) {
    expect((await device.send(stack.url, 'POST', '/api/auth/refresh')).status).toBe(200)
    expect((await device.send(stack.url, 'GET', '/api/me')).status).toBe(200)
  }
  // The test stack starts the stopped instance again, under a new master.
  await expect
    .poll(() => readStackState().gunicornPids[0], { timeout: 30_000 })
    .not.toBe(state.gunicornPids[0])
  await expectServed(device, first)
})

test('after PostgreSQL restarts, both instances serve again without being restarted', async () => {
  const device = await signedIn()
  const state = readStackState()
  await expectServed(device, first)
  await expectServed(device, second)

  await restartPostgres(state)

  // Every worker's kept connection was cut: each is replaced before a request uses it.
  await expectServed(device, first)
  await expectServed(device, second)
  expect(readStackState().gunicornPids).toEqual(state.gunicornPids)
})

test('nginx reloading its configuration drops nothing and keeps its master', async () => {
  const device = await signedIn()
  const state = readStackState()

  await reloadNginx(state)

  await expectServed(device, stack.url)
  expect((await device.send(stack.url, 'POST', '/api/auth/refresh')).status).toBe(200)
  expect(readStackState().nginx.pid).toBe(state.nginx.pid)
})
