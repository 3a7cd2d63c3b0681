import { expect, signIn, test } from './fixtures'
import { startCluster, stopCluster } from '../scripts/stack/postgres.ts'
import { stack } from './stack-client'

// PostgreSQL stops under a signed-in browser (`npm run stack`): the API says it is unavailable
// for a moment, as a problem with Retry-After through nginx rather than an HTML error page, and
// the app keeps the session through it. Once the database is back, Django serves again as it
// is: no instance restarts.

test.use({ expectedConsoleErrors: [/status of 503/] })

test.beforeEach(async ({ request }) => {
  expect((await request.post('/api/__test__/reset')).status()).toBe(204)
})

test('a database outage is a 503 problem the app waits out, signed in', async ({
  page,
  request,
}) => {
  await signIn(page)
  await expect(page.getByText('Parasite').first()).toBeVisible()

  stopCluster(stack.cluster)
  try {
    const refused = await request.post('/api/auth/login', {
      headers: { 'X-Requested-With': 'XMLHttpRequest' },
      data: { username: 'alice', password: 'alice-password-1' },
    })
    expect(refused.status()).toBe(503)
    expect(refused.headers()['content-type']).toBe('application/problem+json')
    expect(refused.headers()['retry-after']).toMatch(/^\d+$/)
    expect(await refused.json()).toMatchObject({ status: 503, code: 'service_unavailable' })

    // The reload restores the session with a refresh, which cannot be answered now.
    await page.reload()
    await expect(page.getByRole('status').filter({ hasText: 'Reconnecting…' })).toBeVisible()
    await expect(page).not.toHaveURL(/\/login/)
  } finally {
    startCluster(stack.cluster)
  }

  // The app retries on its own, and the instances reconnect to the database on their own.
  await expect(page.getByRole('status').filter({ hasText: 'Reconnecting…' })).toHaveCount(0, {
    timeout: 45_000,
  })
  await expect(page.getByText('Parasite').first()).toBeVisible()
  await expect(page.getByRole('banner').getByRole('button', { name: 'Sign out' })).toBeVisible()
})
