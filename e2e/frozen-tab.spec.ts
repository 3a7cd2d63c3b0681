import { expect, signIn, test } from './fixtures'

test('a tab frozen while it refreshes stalls no other tab, and carries on signed in when it thaws', async ({
  context,
  page,
  labApi,
}) => {
  await signIn(page)
  const frozen = page
  const others = [await context.newPage(), await context.newPage()]
  for (const tab of others) {
    await tab.goto('/movies')
    await expect(tab.getByRole('heading', { name: 'Movies' })).toBeVisible()
    // Settled: no request of the page is left to meet the expiry below.
    await expect(tab.getByText('Parasite').first()).toBeVisible()
    await tab.waitForLoadState('networkidle')
  }
  const devices = (tab: typeof page) => tab.getByRole('link', { name: 'Devices', exact: true })
  const before = await labApi.stats()
  // The server holds every refresh answer for a while, so that the freeze lands mid-refresh.
  await labApi.configure({ refreshLatencyMs: 2000 })
  await labApi.expireAccessTokens()

  const refreshSent = frozen.waitForRequest('**/api/auth/refresh')
  await devices(frozen).click()
  await refreshSent
  // Frozen as the browser freezes a background tab. Chromium 156 marks the page frozen but, for
  // a page started by automation, keeps running its script; paused in the debugger, none runs,
  // which is what a frozen page is to the app: it holds the lock and answers no one.
  const lifecycle = await context.newCDPSession(frozen)
  await lifecycle.send('Page.setWebLifecycleState', { state: 'frozen' })
  await lifecycle.send('Debugger.enable')
  await lifecycle.send('Debugger.pause')

  // Each tab's device list is answered once it holds a token the server takes.
  const listed = (tab: typeof page) =>
    tab.waitForResponse(
      (response) => response.url().endsWith('/api/auth/sessions') && response.status() === 200,
      { timeout: 20_000 },
    )
  const othersListed = Promise.all(others.map(listed))
  await Promise.all(others.map((tab) => devices(tab).click()))
  await othersListed
  for (const tab of others) await expect(tab.getByText('This device')).toBeVisible()
  const passedBy = await labApi.stats()
  // The frozen tab's own refresh, answered while it was frozen, and one for the other two.
  expect(passedBy.refreshCalls - before.refreshCalls).toBe(2)
  expect(passedBy.reuseDetections).toBe(0)

  const frozenListed = listed(frozen)
  await lifecycle.send('Debugger.resume')
  await lifecycle.send('Page.setWebLifecycleState', { state: 'active' })
  await frozenListed
  await expect(frozen.getByText('This device')).toBeVisible()
  await expect(frozen.getByRole('button', { name: 'Sign out' }).first()).toBeVisible()
  // Thawed, it drops its own answer and asks for the token posted while it was paused: the one
  // refresh the other tabs shared is the last, and no cookie is presented twice.
  const after = await labApi.stats()
  expect(after.refreshCalls).toBe(passedBy.refreshCalls)
  expect(after.reuseDetections).toBe(0)
})
