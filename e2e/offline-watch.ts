import { expect, signIn, type Page } from './fixtures'
import type { BrowserContext } from '@playwright/test'

/**
 * What a page's requests did while the browser was offline and after: for the offline flows on
 * the mock (offline.spec.ts) and through the stack (stack-offline.spec.ts).
 */

/** The statuses of the refreshes that reached the server (an offline attempt never does). */
function answeredRefreshes(page: Page): number[] {
  const statuses: number[] = []
  page.on('response', (response) => {
    if (new URL(response.url()).pathname === '/api/auth/refresh') statuses.push(response.status())
  })
  return statuses
}

/** The API paths whose requests failed in the browser, never reaching the server. */
function failedApiPaths(page: Page): string[] {
  const paths: string[] = []
  page.on('requestfailed', (request) => {
    const { pathname } = new URL(request.url())
    if (pathname.startsWith('/api/')) paths.push(pathname)
  })
  return paths
}

function firstMovieTitle(page: Page) {
  return page.locator('article.movie-card .movie-title').first()
}

/** Console lines of requests tried while offline, which fail in the browser before leaving it. */
export const OFFLINE_CONSOLE_ERRORS = [/net::ERR_INTERNET_DISCONNECTED/]

/** Signs in on the movies page with the page's timers and clocks under the test's control. */
export async function signInOnATestClock(page: Page) {
  await page.clock.install()
  await signIn(page)
  await expect(page.getByRole('heading', { name: 'Movies' })).toBeVisible()
}

const OFFLINE_FOR = '10:00'
export const OFFLINE_FOR_SEC = 600

/**
 * Signed in on the movies page (signInOnATestClock), the user
 * turns the page, the browser is offline for ten minutes that pass in no time, and the network
 * comes back. `whileOffline` moves whatever else must move (the server's clock). Returns what
 * the page's requests did from going offline on; the page is back, on page 2, signed in.
 */
export async function offlineForTenMinutes(
  page: Page,
  context: BrowserContext,
  whileOffline: () => Promise<void>,
) {
  const pageOne = await firstMovieTitle(page).textContent()
  const refreshes = answeredRefreshes(page)
  const failed = failedApiPaths(page)

  await context.setOffline(true)
  // Nothing can answer the page the user turns to now.
  await page.getByRole('button', { name: 'Next page' }).click()
  await whileOffline()
  await page.clock.runFor(OFFLINE_FOR)
  expect(refreshes).toEqual([])
  await context.setOffline(false)

  await expect.poll(() => refreshes).toEqual([200])
  // The page turned while offline is fetched now, with the refreshed token.
  await expect(page.getByText('Page 2 of', { exact: false })).toBeVisible()
  await expect(firstMovieTitle(page)).not.toHaveText(pageOne ?? '')
  await expect(page.getByRole('button', { name: 'Sign out' }).first()).toBeVisible()
  await expect(page.getByRole('alert')).toHaveCount(0)
  expect(refreshes).toEqual([200])
  // Offline, only refresh attempts were tried (and failed in the browser); the page's own query
  // was held back until the network returned rather than failed and shown as an error.
  expect(failed.filter((path) => path !== '/api/auth/refresh')).toEqual([])
}
