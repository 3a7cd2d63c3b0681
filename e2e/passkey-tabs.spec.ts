import { expect, test } from './fixtures'
import { signInWithANewPasskey } from './passkey-flow'
import { refreshesOfThreeNewTabs } from './three-tabs'

test('three tabs opened after a passkey sign-in make one refresh between them', async ({
  page,
  context,
  labApi,
}) => {
  await signInWithANewPasskey(page)
  const before = await labApi.stats()
  expect(await refreshesOfThreeNewTabs(context)).toEqual([200])
  // The server's own count agrees with what the browser saw.
  expect((await labApi.stats()).refreshCalls - before.refreshCalls).toBe(1)
})
