import type { Page } from '@playwright/test'
import { addVirtualAuthenticator, expect, signIn } from './fixtures'

/**
 * The passkey flow every backend must carry in the browser, in steps a spec strings together:
 * the same steps on the mock and on Django, so the two cannot drift apart.
 */

const passkeysRegion = (page: Page) => page.getByRole('region', { name: 'Passkeys' })

/**
 * Signs in with a password, adds a passkey on the account page, signs out, and is signed in
 * again by the passkey (the sign-in page's autofill, which the virtual authenticator answers);
 * a reload then restores that passkey session from its refresh cookie.
 */
export async function signInWithANewPasskey(page: Page): Promise<void> {
  await addVirtualAuthenticator(page)
  await signIn(page)
  await page.getByRole('link', { name: 'Account' }).click()
  const passkeys = passkeysRegion(page)
  await expect(passkeys.getByText('You have no passkeys yet.')).toBeVisible()
  await passkeys.getByRole('button', { name: 'Add a passkey' }).click()
  await expect(passkeys.getByRole('listitem')).toHaveCount(1)

  const passkeyLogin = page.waitForResponse('**/api/auth/passkey/login')
  await page.getByRole('button', { name: 'Sign out' }).click()
  expect((await passkeyLogin).status()).toBe(200)
  await expect(page).toHaveURL(/\/account$/)

  await page.reload()
  await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible()
  await expect(passkeys.getByRole('listitem')).not.toContainText('Never used')
}

/** Deletes the passkey on the account page; its sign-in is then refused, however it is offered. */
export async function deletePasskeyThenBeRefused(page: Page): Promise<void> {
  await page.getByRole('link', { name: 'Account' }).click()
  const passkeys = passkeysRegion(page)
  await passkeys.getByRole('button', { name: 'Delete' }).click()
  await page
    .getByRole('dialog', { name: 'Delete this passkey?' })
    .getByRole('button', { name: 'Delete' })
    .click()
  await expect(passkeys.getByText('You have no passkeys yet.')).toBeVisible()

  // The authenticator still holds the credential; the server no longer knows it.
  await page.getByRole('button', { name: 'Sign out' }).click()
  const refused = page.getByText('That passkey did not sign you in. Try another way.')
  await expect(refused).toBeVisible()
  await page.getByRole('button', { name: 'Sign in with a passkey' }).click()
  await expect(page.getByRole('button', { name: 'Sign in with a passkey' })).toBeEnabled()
  await expect(refused).toBeVisible()
  await expect(page).toHaveURL(/\/login/)
}
