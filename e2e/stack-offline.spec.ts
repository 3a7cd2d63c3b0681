import { expect, test } from './fixtures'
import { OFFLINE_CONSOLE_ERRORS, offlineForTenMinutes, signInOnATestClock } from './offline-watch'

// offline.spec.ts through the production path (`npm run test:stack`): ten minutes offline end
// in one refresh that Django rotates once. Django's clock cannot be moved, so only the page's
// does: the app still judges its token expired and refreshes, as it must.

test.use({ expectedConsoleErrors: OFFLINE_CONSOLE_ERRORS })

test.beforeEach(async ({ request }) => {
  expect((await request.post('/api/__test__/reset')).status()).toBe(204)
})

test('ten minutes offline end in one refresh through nginx and Django', async ({
  page,
  context,
}) => {
  await signInOnATestClock(page)
  // From here on (the sign-in page's own refresh is a 401: no session yet).
  const refused: string[] = []
  page.on('response', (response) => {
    if (response.status() === 401) refused.push(new URL(response.url()).pathname)
  })

  await offlineForTenMinutes(page, context, async () => {})

  // Neither reuse nor an access token the server refused.
  expect(refused).toEqual([])
})
