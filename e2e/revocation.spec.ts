import { DEMO, expect, signIn, test, type Page } from './fixtures'

/** Two tabs of one browser, both signed in with the same session and showing private pages. */
async function twoSignedInTabs(page: Page): Promise<Page[]> {
  await signIn(page)
  const other = await page.context().newPage()
  await other.goto('/movies')
  await expect(other.getByRole('heading', { name: 'Movies' })).toBeVisible()
  return [page, other]
}

/**
 * The next API call in each tab, all at once: the device list is fetched fresh on every visit,
 * and none of the tabs' access tokens has expired.
 */
async function useEveryTab(tabs: Page[]): Promise<void> {
  await Promise.all(
    tabs.map((tab) => tab.getByRole('link', { name: 'Devices', exact: true }).click()),
  )
}

async function expectSignedOut(tabs: Page[]): Promise<void> {
  for (const tab of tabs) {
    await expect(tab).toHaveURL(/\/login/)
    await expect(tab.getByRole('heading', { name: 'Sign in to Reel' })).toBeVisible()
    await expect(tab.getByText('Demo Viewer')).toHaveCount(0)
  }
}

test('a session revoked from another browser ends in every tab at their next request, before any token expires', async ({
  page,
  browser,
  labApi,
}) => {
  const tabs = await twoSignedInTabs(page)
  const elsewhere = await browser.newContext()
  const device = await elsewhere.newPage()
  await signIn(device)
  await device.getByRole('link', { name: 'Devices', exact: true }).click()
  const devices = device.getByRole('list', { name: 'Devices' })
  await expect(devices.getByRole('listitem')).toHaveCount(2)
  await devices.getByRole('button', { name: 'Sign out' }).click()
  await expect(devices.getByRole('listitem')).toHaveCount(1)
  const before = await labApi.stats()

  await useEveryTab(tabs)

  await expectSignedOut(tabs)
  const after = await labApi.stats()
  expect(after.rejectedAccessTokens).toBeGreaterThan(before.rejectedAccessTokens)
  expect(after.refreshSucceeded).toBe(before.refreshSucceeded)
  // The browser elsewhere keeps its own session.
  await device.reload()
  await expect(device.getByText('This device')).toBeVisible()
  await elsewhere.close()
})

test('logging out everywhere from another browser ends the session in every tab at their next request', async ({
  page,
  browser,
  labApi,
}) => {
  const tabs = await twoSignedInTabs(page)
  const elsewhere = await browser.newContext()
  const headers = { 'X-Requested-With': 'XMLHttpRequest' }
  const login = await elsewhere.request.post('/api/auth/login', { data: DEMO, headers })
  expect(login.status()).toBe(200)
  const { accessToken } = (await login.json()) as { accessToken: string }
  const logoutAll = await elsewhere.request.post('/api/auth/logout-all', {
    headers: { ...headers, Authorization: `Bearer ${accessToken}` },
  })
  expect(logoutAll.status()).toBe(204)
  await elsewhere.close()
  const before = await labApi.stats()

  await useEveryTab(tabs)

  await expectSignedOut(tabs)
  const after = await labApi.stats()
  expect(after.rejectedAccessTokens).toBeGreaterThan(before.rejectedAccessTokens)
  expect(after.activeSessions).toBe(0)
})
