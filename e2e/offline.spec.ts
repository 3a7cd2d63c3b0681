import { expect, signIn, test, type Page } from './fixtures'

// A laptop closed on a train: the browser is offline for ten minutes, long past the access
// token's five, and then the network is back. The app must come back with exactly one refresh
// (a retry storm or a second rotation of one cookie would be reuse and end the session), and
// what the user asked for while offline must happen once the network returns.

const OFFLINE_FOR = '10:00'
const OFFLINE_FOR_SEC = 600

/** The answers to refreshes that reached the server (an offline attempt never does). */
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

// Requests tried while offline fail in the browser before they leave it.
test.use({ expectedConsoleErrors: [/net::ERR_INTERNET_DISCONNECTED/] })

test('ten minutes offline end in one refresh, no reuse, and the user still signed in', async ({
  page,
  context,
  labApi,
}) => {
  // The page's timers and clocks move when the test says: ten minutes pass in no time.
  await page.clock.install()
  await signIn(page)
  await expect(page.getByRole('heading', { name: 'Movies' })).toBeVisible()
  const pageOne = await firstMovieTitle(page).textContent()
  const before = await labApi.stats()
  const refreshes = answeredRefreshes(page)
  const failedApiCalls = failedApiPaths(page)

  await context.setOffline(true)
  // The user turns the page while offline: nothing can answer that now.
  await page.getByRole('button', { name: 'Next page' }).click()
  // Both clocks move on: the page's, and the server's, which judges the tokens' ages.
  await labApi.configure({ serverClockSkewSec: OFFLINE_FOR_SEC })
  await page.clock.runFor(OFFLINE_FOR)
  expect(refreshes).toEqual([])
  await context.setOffline(false)

  await expect.poll(() => refreshes).toEqual([200])
  // The page turned while offline is fetched now, with the refreshed token.
  await expect(page.getByText('Page 2 of', { exact: false })).toBeVisible()
  await expect(firstMovieTitle(page)).not.toHaveText(pageOne ?? '')
  await expect(page.getByRole('button', { name: 'Sign out' }).first()).toBeVisible()
  await expect(page.getByRole('alert')).toHaveCount(0)

  const after = await labApi.stats()
  expect(after.refreshCalls - before.refreshCalls).toBe(1)
  expect(after.reuseDetections - before.reuseDetections).toBe(0)
  expect(after.rejectedAccessTokens - before.rejectedAccessTokens).toBe(0)
  // Offline, only refresh attempts were tried (and failed in the browser); the page's own query
  // was held back until the network returned rather than failed and shown as an error.
  expect(failedApiCalls.filter((path) => path !== '/api/auth/refresh')).toEqual([])
})
