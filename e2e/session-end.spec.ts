import { expect, signIn, test } from './fixtures'

test('a device revoked from another browser is sent to sign-in at its next refresh', async ({
  page,
  browser,
  labApi,
}) => {
  await signIn(page)
  const otherContext = await browser.newContext()
  const other = await otherContext.newPage()
  await signIn(other)
  await other.getByRole('link', { name: 'Devices', exact: true }).click()
  const devices = other.getByRole('list', { name: 'Devices' })
  await expect(devices.getByRole('listitem')).toHaveCount(2)
  await devices.getByRole('button', { name: 'Sign out' }).click()
  await expect(devices.getByRole('listitem')).toHaveCount(1)
  await otherContext.close()

  await labApi.expireAccessTokens()
  await page.getByRole('link', { name: 'Devices', exact: true }).click()

  await expect(page).toHaveURL(/\/login$/)
  await expect(
    page.getByRole('status').filter({ hasText: 'You were signed out from another device.' }),
  ).toBeVisible()
  await page.getByLabel('Username').fill('demo')
  await page.getByLabel('Password').fill('demo-password-1')
  await page.getByRole('button', { name: 'Sign in', exact: true }).click()
  await expect(page).toHaveURL(/\/devices$/)
})

test.describe('a refresh failing with a server error', () => {
  test.use({ expectedConsoleErrors: [/status of 500/] })

  test('shows "Reconnecting…", then recovers with the user still signed in', async ({
    page,
    labApi,
  }) => {
    await signIn(page)
    await labApi.configure({ refreshFailure: 'server_error' })
    await labApi.expireAccessTokens()

    await page.getByRole('link', { name: 'Devices', exact: true }).click()
    await expect(page.getByRole('status').filter({ hasText: 'Reconnecting…' })).toBeVisible()

    await labApi.configure({ refreshFailure: 'none' })
    await expect(page.getByRole('status').filter({ hasText: 'Reconnecting…' })).toHaveCount(0, {
      timeout: 10_000,
    })
    await expect(page).toHaveURL(/\/devices$/)
    await expect(page.getByText('This device')).toBeVisible()
    await expect(page.getByRole('banner').getByRole('button', { name: 'Sign out' })).toBeVisible()
  })
})
