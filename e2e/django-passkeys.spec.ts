import { expect, test } from './fixtures'
import { deletePasskeyThenBeRefused, signInWithANewPasskey } from './passkey-flow'
import { refreshesOfThreeNewTabs } from './three-tabs'

// Django (python3-fido2) behind the production build, as in django.spec.ts; its relying party
// is the app's origin (REEL_PUBLIC_ORIGIN in playwright.config.ts), so the browser accepts it.

test.beforeEach(async ({ request }) => {
  expect((await request.post('/api/__test__/reset')).status()).toBe(204)
})

test('a passkey registered on Django signs in, is shared by three tabs with one refresh, and stops once deleted', async ({
  page,
  context,
}) => {
  await signInWithANewPasskey(page)
  // One tab refreshes under the lock and shares the token; the others take it from there.
  expect(await refreshesOfThreeNewTabs(context)).toEqual([200])
  await deletePasskeyThenBeRefused(page)
})
