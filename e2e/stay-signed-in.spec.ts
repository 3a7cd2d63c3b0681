import { expect, signIn, test } from './fixtures'

test('a reload keeps the user signed in with one refresh and never shows the sign-in page', async ({
  page,
  labApi,
}) => {
  await signIn(page)
  const before = await labApi.stats()
  const seenPaths: string[] = []
  page.on('framenavigated', (frame) => {
    if (frame === page.mainFrame()) seenPaths.push(new URL(frame.url()).pathname)
  })
  const loginHeadingShown = page
    .getByRole('heading', { name: 'Sign in to Reel' })
    .waitFor({ timeout: 5000 })
    .then(
      () => true,
      () => false,
    )

  await page.reload()
  await expect(page.getByRole('heading', { name: 'Movies' })).toBeVisible()

  expect((await labApi.stats()).refreshCalls - before.refreshCalls).toBe(1)
  expect(seenPaths).not.toContain('/login')
  expect(await loginHeadingShown).toBe(false)
})

test('with 5-second access tokens, a user who keeps clicking for 20 seconds never sees a 401', async ({
  page,
  labApi,
}) => {
  test.setTimeout(60_000)
  await labApi.configure({ accessTokenTtlSec: 5 })
  await signIn(page)

  const started = Date.now()
  let clicks = 0
  while (Date.now() - started < 20_000) {
    const next = clicks % 2 === 0 ? 'Next page' : 'Previous page'
    await page.getByRole('button', { name: next }).click()
    await expect(page.getByRole('heading', { name: 'Movies' })).toBeVisible()
    await expect(page.getByRole('alert')).toHaveCount(0)
    clicks++
  }

  const stats = await labApi.stats()
  expect(stats.rejectedAccessTokens).toBe(0)
  expect(stats.refreshSucceeded).toBeGreaterThanOrEqual(3)
  expect(clicks).toBeGreaterThan(10)
})

for (const [label, offsetMs] of [
  ['an hour ahead', 3_600_000],
  ['an hour behind', -3_600_000],
] as const) {
  test(`a client clock ${label} causes no refresh loop`, async ({ page, labApi }) => {
    await page.clock.setSystemTime(Date.now() + offsetMs)
    await labApi.configure({ accessTokenTtlSec: 5 })
    await signIn(page)
    const refreshes: number[] = []
    page.on('request', (request) => {
      if (request.url().endsWith('/api/auth/refresh')) refreshes.push(performance.now())
    })
    const signedInAt = performance.now()

    // Tokens live 5 s and are refreshed a second ahead: about 4 s apart, never back to back.
    await expect.poll(() => refreshes.length, { timeout: 15_000 }).toBeGreaterThanOrEqual(2)
    const [first = 0, second = 0] = refreshes
    expect(first - signedInAt).toBeGreaterThan(3_000)
    expect(second - first).toBeGreaterThan(3_000)
    expect((await labApi.stats()).rejectedAccessTokens).toBe(0)
    await expect(page.getByRole('heading', { name: 'Movies' })).toBeVisible()
  })
}
