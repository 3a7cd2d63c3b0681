import type { BrowserContext } from '@playwright/test'
import { DEMO, expect, lab, signIn, test, type Page } from './fixtures'

const REFRESH_COOKIE = '__Secure-reel_rt'

// Every test starts from the seed data and default lifetimes, whatever the last one bent.
test.beforeEach(async ({ request }) => {
  await lab(request).reset()
})

const refreshCookie = async (context: BrowserContext) =>
  (await context.cookies()).find((cookie) => cookie.name === REFRESH_COOKIE)

/** The sign-in page's status line, once it says something. */
const sessionStatus = (page: Page) =>
  page.getByRole('main').getByRole('status').filter({ hasText: /\S/ })

/** Makes the page ask for a new access token: the server clock passes every one issued. */
async function forceRefresh(page: Page, labApi: { expireAccessTokens(): Promise<void> }) {
  await labApi.expireAccessTokens()
  await page.getByRole('link', { name: 'Devices', exact: true }).click()
}

async function signInOnForm(page: Page) {
  await page.getByLabel('Username').fill(DEMO.username)
  await page.getByLabel('Password').fill(DEMO.password)
  await page.getByRole('button', { name: 'Sign in', exact: true }).click()
}

test.describe('why a session ended, on the sign-in page', () => {
  // Each cause ends in a refused refresh: the browser logs that 401 as an error.
  test.use({ expectedConsoleErrors: [/status of 401/] })
  // Two browsers and a sign-in each: on a busy machine that outlasts the default 30 s.
  test.slow()

  test('revoked from a second browser: "You were signed out from another device."', async ({
    page,
    browser,
    labApi,
  }) => {
    await signIn(page)
    await page.goto('/watchlist')
    const otherContext = await browser.newContext()
    const other = await otherContext.newPage()
    await signIn(other)
    await other.goto('/devices')
    const devices = other.getByRole('list', { name: 'Devices' })
    await devices.getByRole('button', { name: 'Sign out' }).click()
    await expect(devices.getByRole('listitem')).toHaveCount(1)
    await otherContext.close()

    await forceRefresh(page, labApi)

    await expect(page).toHaveURL(/\/login$/)
    await expect(sessionStatus(page)).toHaveText('You were signed out from another device.')
    await signInOnForm(page)
    await expect(page).toHaveURL(/\/devices$/)
  })

  test('a replayed refresh cookie: "For your security you were signed out…"', async ({
    page,
    context,
    labApi,
  }) => {
    await signIn(page)
    const stolen = await refreshCookie(context)
    if (!stolen) throw new Error('no refresh cookie after sign-in')
    // The page refreshes once, which rotates the cookie and makes the one taken above stale.
    await forceRefresh(page, labApi)
    await expect.poll(async () => (await refreshCookie(context))?.value).not.toBe(stolen.value)

    // The stale cookie comes back, as a thief replaying it would send it.
    await context.addCookies([stolen])
    await page.reload()

    await expect(page).toHaveURL(/\/login$/)
    await expect(sessionStatus(page)).toHaveText(
      'For your security you were signed out: your sign-in was used somewhere else.',
    )
    expect((await labApi.stats()).reuseDetections).toBe(1)
  })

  test('past a 60-second absolute lifetime: "Your session expired. Please sign in again."', async ({
    page,
    labApi,
  }) => {
    await labApi.configure({ refreshTokenTtlSec: 60 })
    await signIn(page)
    // The server's clock moves past the session's end instead of the test waiting a minute.
    await labApi.configure({ serverClockSkewSec: 61 })
    // A reload restores from the cookie, which the server now finds past the session's end.
    await page.reload()

    await expect(page).toHaveURL(/\/login$/)
    await expect(sessionStatus(page)).toHaveText('Your session expired. Please sign in again.')
  })

  test('signed out in a second tab: "You signed out in another tab."', async ({
    page,
    context,
  }) => {
    await signIn(page)
    await page.goto('/watchlist')
    const second = await context.newPage()
    await second.goto('/movies')
    await second.getByRole('banner').getByRole('button', { name: 'Sign out' }).click()
    await expect(second).toHaveURL(/\/login$/)

    await expect(page).toHaveURL(/\/login$/)
    await expect(sessionStatus(page)).toHaveText('You signed out in another tab.')
    await signInOnForm(page)
    await expect(page).toHaveURL(/\/watchlist$/)
  })
})

test.describe('the session end, shown ahead', () => {
  test('a notice counts down the last five minutes, and "Sign in again" replaces the session', async ({
    page,
    labApi,
  }) => {
    await page.clock.install()
    await labApi.configure({ refreshTokenTtlSec: 240 })
    await signIn(page)
    await page.goto('/watchlist')

    const notice = page.getByRole('status').filter({ hasText: 'Your session ends in' })
    await expect(notice).toContainText('Your session ends in 4 minutes.')
    await page.clock.fastForward('03:05')
    await expect(notice).toContainText(/Your session ends in [1-5]\d? seconds?\./)

    await notice.getByRole('button', { name: 'Sign in again' }).click()
    await expect(page.getByRole('heading', { name: 'Sign in again' })).toBeVisible()
    await labApi.configure({ refreshTokenTtlSec: 14 * 24 * 3600 })
    await signInOnForm(page)

    await expect(page).toHaveURL(/\/watchlist$/)
    await expect(notice).toHaveCount(0)
    // The old cookie came along with the new sign-in, so the server ended the old session.
    expect((await labApi.stats()).activeSessions).toBe(1)
  })

  test('a backend that does not say when sessions end shows no notice and no error', async ({
    page,
  }) => {
    await page.route('**/api/auth/{login,refresh}', async (route) => {
      const response = await route.fetch()
      const body = await response.json()
      delete body.sessionExpiresAt
      await route.fulfill({ response, json: body })
    })
    await signIn(page)
    await page.goto('/watchlist')
    await expect(page.getByRole('heading', { name: 'Watchlist' })).toBeVisible()
    await expect(page.getByText(/Your session ends in/)).toHaveCount(0)
  })
})

test.describe('keep me signed in', () => {
  test('off: the refresh cookie lasts only as long as the browser session', async ({
    page,
    context,
  }) => {
    await page.goto('/login')
    await page.getByRole('checkbox', { name: 'Keep me signed in' }).uncheck()
    await signInOnForm(page)
    await expect(page.getByRole('heading', { name: 'Movies' })).toBeVisible()
    expect((await refreshCookie(context))?.expires).toBe(-1)
  })

  test('on (the default): the refresh cookie lasts the session’s 14 days', async ({
    page,
    context,
  }) => {
    await page.goto('/login')
    await expect(page.getByRole('checkbox', { name: 'Keep me signed in' })).toBeChecked()
    await signInOnForm(page)
    await expect(page.getByRole('heading', { name: 'Movies' })).toBeVisible()
    const expires = (await refreshCookie(context))?.expires ?? 0
    expect(expires * 1000).toBeGreaterThan(Date.now() + 13 * 24 * 3600_000)
  })
})

test.describe('sign out of other devices', () => {
  test.use({ expectedConsoleErrors: [/status of 401/] })
  test.slow()

  test('the other browser loses its session at once; this one keeps it', async ({
    page,
    browser,
  }) => {
    const otherContext = await browser.newContext()
    const other = await otherContext.newPage()
    await signIn(other)
    await other.goto('/watchlist')
    await signIn(page)
    await page.goto('/devices')
    await expect(page.getByRole('list', { name: 'Devices' }).getByRole('listitem')).toHaveCount(2)

    await page.getByRole('button', { name: 'Sign out of other devices' }).click()
    const dialog = page.getByRole('dialog', { name: 'Sign out of other devices?' })
    await dialog.getByRole('button', { name: 'Sign out of other devices' }).click()

    await expect(page.getByRole('status').filter({ hasText: /\S/ })).toHaveText(
      'Your other devices were signed out.',
    )
    await expect(page.getByRole('list', { name: 'Devices' }).getByRole('listitem')).toHaveCount(1)
    // Its access token is refused at once (v1.1), so its very next request ends its session.
    await other.getByRole('link', { name: 'Movies', exact: true }).click()
    await expect(other).toHaveURL(/\/login$/)
    await expect(sessionStatus(other)).toHaveText('You were signed out from another device.')
    await page.reload()
    await expect(page.getByText('This device', { exact: true })).toBeVisible()
    await otherContext.close()
  })
})

test.describe('a backend without provider discovery', () => {
  test.use({ expectedConsoleErrors: [/status of 404/] })

  test('shows no social sign-in at all', async ({ page }) => {
    await page.route('**/api/auth/providers', (route) => route.fulfill({ status: 404 }))
    const asked = page.waitForRequest('**/api/auth/providers')
    await page.goto('/login')
    await asked
    await expect(page.getByLabel('Username')).toBeVisible()
    await expect(page.getByRole('button', { name: /Google|Kakao|NAVER/ })).toHaveCount(0)
    await expect(page.getByText('or', { exact: true })).toHaveCount(0)
  })
})
