import AxeBuilder from '@axe-core/playwright'
import { expect, lab, signIn, test } from './fixtures'
import { addVirtualAuthenticator } from './virtual-authenticator'

test.beforeEach(async ({ request }) => {
  await lab(request).reset()
})

test('a passkey added on the account page signs in, survives a reload, and stops once deleted', async ({
  page,
}) => {
  await addVirtualAuthenticator(page)
  await signIn(page)
  await page.getByRole('link', { name: 'Account' }).click()
  const passkeys = page.getByRole('region', { name: 'Passkeys' })
  await expect(passkeys.getByText('You have no passkeys yet.')).toBeVisible()

  await passkeys.getByRole('button', { name: 'Add a passkey' }).click()
  await expect(passkeys.getByRole('listitem')).toHaveCount(1)
  await expect(passkeys.getByRole('listitem')).toContainText('Never used')

  // Back on the sign-in page, the browser's passkey autofill (conditional mediation) is waiting;
  // the virtual authenticator answers it at once, as a person picking the passkey would.
  // It signs in as a new session and comes back to the page it left.
  const passkeyLogin = page.waitForResponse('**/api/auth/passkey/login')
  await page.getByRole('button', { name: 'Sign out' }).click()
  expect((await passkeyLogin).status()).toBe(200)
  await expect(page).toHaveURL(/\/account$/)
  await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible()

  // The session is a real one: the refresh cookie restores it after a reload.
  await page.reload()
  await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible()
  await expect(passkeys.getByRole('listitem')).not.toContainText('Never used')

  await passkeys.getByRole('button', { name: 'Delete' }).click()
  await page
    .getByRole('dialog', { name: 'Delete this passkey?' })
    .getByRole('button', { name: 'Delete' })
    .click()
  await expect(passkeys.getByText('You have no passkeys yet.')).toBeVisible()

  // The authenticator still holds the credential; the server no longer knows it.
  // The authenticator offers it to the autofill, and to the button, in vain.
  await page.getByRole('button', { name: 'Sign out' }).click()
  const refused = page.getByText('That passkey did not sign you in. Try another way.')
  await expect(refused).toBeVisible()
  await page.getByRole('button', { name: 'Sign in with a passkey' }).click()
  await expect(page.getByRole('button', { name: 'Sign in with a passkey' })).toBeEnabled()
  await expect(refused).toBeVisible()
  await expect(page).toHaveURL(/\/login/)
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
