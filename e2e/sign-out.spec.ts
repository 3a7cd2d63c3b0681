import { expect, signIn, test } from './fixtures'

test.describe('a sign-out that cannot reach the server', () => {
  // The browser logs each request the offline network refuses.
  test.use({ expectedConsoleErrors: [/ERR_INTERNET_DISCONNECTED/] })

  test('ends the session here, then on the server once online, so a reload stays signed out', async ({
    context,
    page,
    labApi,
  }) => {
    await signIn(page)
    expect((await labApi.stats()).activeSessions).toBe(1)

    await context.setOffline(true)
    await page.getByRole('banner').getByRole('button', { name: 'Sign out' }).click()
    await expect(page).toHaveURL(/\/login/)
    // The server never heard of it: the session is still alive there.
    expect((await labApi.stats()).activeSessions).toBe(1)

    await context.setOffline(false)
    await page.reload()

    await expect(page.getByRole('heading', { name: 'Sign in to Reel' })).toBeVisible()
    await expect.poll(async () => (await labApi.stats()).activeSessions).toBe(0)
    await page.goto('/movies')
    await expect(page).toHaveURL(/\/login/)
  })
})

test('signing out in one tab while another tab is refreshing leaves both signed out', async ({
  context,
  page,
  labApi,
}) => {
  await signIn(page)
  const other = await context.newPage()
  await other.goto('/movies')
  await expect(other.getByRole('heading', { name: 'Movies' })).toBeVisible()
  await labApi.configure({ refreshLatencyMs: 1500 })
  await labApi.expireAccessTokens()

  const refreshing = other.waitForRequest('**/api/auth/refresh')
  await other.getByRole('link', { name: 'Devices', exact: true }).click()
  await refreshing
  await page.getByRole('banner').getByRole('button', { name: 'Sign out' }).click()

  await expect(page).toHaveURL(/\/login/)
  await expect(other).toHaveURL(/\/login/)
  await expect.poll(async () => (await labApi.stats()).activeSessions).toBe(0)
  await other.reload()
  await expect(other.getByRole('heading', { name: 'Sign in to Reel' })).toBeVisible()
  await expect(page.getByRole('heading', { name: 'Sign in to Reel' })).toBeVisible()
})
