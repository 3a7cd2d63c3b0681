import { expect, test } from './fixtures'
import { deletePasskeyThenBeRefused, signInWithANewPasskey } from './passkey-flow'

// Passkeys through the production path: nginx over HTTPS in front of two Django instances. The
// stack advertises https://localhost:PORT, since WebAuthn refuses an IP address as rp id.

test.beforeEach(async ({ request }) => {
  expect((await request.post('/api/__test__/reset')).status()).toBe(204)
})

test('a passkey registered through nginx signs in, survives a reload, and stops once deleted', async ({
  page,
}) => {
  expect(new URL(test.info().project.use.baseURL ?? '').hostname).toBe('localhost')
  await signInWithANewPasskey(page)
  await deletePasskeyThenBeRefused(page)
})
