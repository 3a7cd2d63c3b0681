import AxeBuilder from '@axe-core/playwright'
import { expect, lab, signIn, test } from './fixtures'
import { deletePasskeyThenBeRefused, signInWithANewPasskey } from './passkey-flow'

test.beforeEach(async ({ request }) => {
  await lab(request).reset()
})

test('a passkey added on the account page signs in, survives a reload, and stops once deleted', async ({
  page,
}) => {
  await signInWithANewPasskey(page)
  await deletePasskeyThenBeRefused(page)
})

test('the account page has no accessibility violations', async ({ page }) => {
  await signIn(page)
  await page.getByRole('link', { name: 'Account' }).click()
  await expect(
    page.getByRole('region', { name: 'Passkeys' }).getByText('You have no passkeys yet.'),
  ).toBeVisible()
  const results = await new AxeBuilder({ page }).analyze()
  expect(results.violations).toEqual([])
})
