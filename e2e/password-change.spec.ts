import { STEP_UP_MAX_AGE_SEC } from '../contract/account'
import { DEMO, expect, signIn, test } from './fixtures'

const NEW_PASSWORD = 'correct-horse-battery'

test('a password changed on one device tells the other, on its next request, why it was signed out', async ({
  page,
  browser,
  labApi,
}) => {
  // Access tokens outlive the test, so the other device learns of the change from its Bearer
  // request being refused (revocation reaches access tokens), not from an expiry.
  await labApi.configure({ accessTokenTtlSec: 3600 })
  // Two browser contexts are two devices: separate cookies, separate tabs.
  const otherDevice = await browser.newContext()
  const other = await otherDevice.newPage()
  await signIn(other)
  await signIn(page)

  // Past the step-up window, so changing the password asks to confirm the sign-in first.
  await labApi.configure({ serverClockSkewSec: STEP_UP_MAX_AGE_SEC + 60 })
  await page.getByRole('link', { name: 'Account' }).click()
  const password = page.getByRole('region', { name: 'Password' })
  await password.getByLabel('Current password').fill(DEMO.password)
  await password.getByLabel('New password').fill(NEW_PASSWORD)
  await password.getByRole('button', { name: 'Change password' }).click()
  const stepUp = page.getByRole('dialog', { name: "Confirm it's you" })
  await stepUp.getByLabel('Password', { exact: true }).fill(DEMO.password)
  await stepUp.getByRole('button', { name: 'Confirm' }).click()
  await expect(password.getByRole('status')).toHaveText(
    'Your password was changed. Other devices were signed out.',
  )

  // A page the other device has not loaded yet, so its data is requested, not read from cache.
  await other.getByRole('link', { name: 'Account' }).click()
  await expect(other).toHaveURL(/\/login/)
  await expect(
    other.getByText('Your password was changed on another device. Sign in with your new password.'),
  ).toHaveAttribute('role', 'status')
  await otherDevice.close()
})
