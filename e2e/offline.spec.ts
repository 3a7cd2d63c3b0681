import { expect, test } from './fixtures'
import {
  OFFLINE_CONSOLE_ERRORS,
  OFFLINE_FOR_SEC,
  offlineForTenMinutes,
  signInOnATestClock,
} from './offline-watch'

// A laptop closed on a train: the browser is offline for ten minutes, long past the access
// token's five, and then the network is back. The app must come back with exactly one refresh
// (a retry storm or a second rotation of one cookie would be reuse and end the session), and
// what the user asked for while offline must happen once the network returns.

test.use({ expectedConsoleErrors: OFFLINE_CONSOLE_ERRORS })

test('ten minutes offline end in one refresh, no reuse, and the user still signed in', async ({
  page,
  context,
  labApi,
}) => {
  await signInOnATestClock(page)
  const before = await labApi.stats()

  // The server's clock moves too, so the access token has expired there as well.
  await offlineForTenMinutes(page, context, () =>
    labApi.configure({ serverClockSkewSec: OFFLINE_FOR_SEC }),
  )

  const after = await labApi.stats()
  expect(after.refreshCalls - before.refreshCalls).toBe(1)
  expect(after.reuseDetections - before.reuseDetections).toBe(0)
  expect(after.rejectedAccessTokens - before.rejectedAccessTokens).toBe(0)
})
