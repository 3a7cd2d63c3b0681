import { expect, signIn, test } from './fixtures'

test('three tabs with an expired token, all active at once, share one refresh', async ({
  context,
  page,
  labApi,
}) => {
  await signIn(page)
  const tabs = [page, await context.newPage(), await context.newPage()]
  for (const tab of tabs.slice(1)) {
    await tab.goto('/movies')
    await expect(tab.getByRole('heading', { name: 'Movies' })).toBeVisible()
  }
  const before = await labApi.stats()
  await labApi.expireAccessTokens()

  await Promise.all(
    tabs.map((tab) => tab.getByRole('link', { name: 'Devices', exact: true }).click()),
  )
  // The device list is fetched fresh in every tab, so each one sends a request.
  for (const tab of tabs) {
    await expect(tab.getByRole('heading', { name: 'Signed-in devices' })).toBeVisible()
    await expect(tab.getByText('This device')).toBeVisible()
  }

  const after = await labApi.stats()
  expect(after.refreshCalls - before.refreshCalls).toBe(1)
  expect(after.reuseDetections).toBe(0)
})

test('signing out in one tab signs out every tab, and Back shows no private data', async ({
  context,
  page,
}) => {
  await signIn(page)
  const other = await context.newPage()
  await other.goto('/movies')
  await expect(other.getByText('Parasite').first()).toBeVisible()
  await other.getByRole('link', { name: 'Watchlist', exact: true }).click()
  await expect(other.getByRole('heading', { name: 'Watchlist' })).toBeVisible()

  await page.getByRole('banner').getByRole('button', { name: 'Sign out' }).click()

  await expect(page).toHaveURL(/\/login$/)
  await expect(other).toHaveURL(/\/login/, { timeout: 1000 })
  await other.goBack() // to /movies, which must not show what it showed before
  await expect(other.getByRole('heading', { name: 'Sign in to Reel' })).toBeVisible()
  await expect(other.getByText('Parasite')).toHaveCount(0)
  await expect(other.getByText('Demo Viewer')).toHaveCount(0)
})
