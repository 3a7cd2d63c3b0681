import type { Browser, Page } from '@playwright/test'
import { expect, signIn, test } from './fixtures'
import {
  agreeAs,
  expectSignedInWith,
  GOOGLE,
  KAKAO,
  NAVER,
  openConsentPage,
  signInToLink,
} from './social-providers'
import { refreshesOfThreeNewTabs } from './three-tabs'

// The production build with REEL_API_URL pointing at the Django backend (backends/django),
// which has no lab: state is reset through its test-only route, and time is not bent, so these
// flows need no expired tokens. Revocation reaches access tokens at once there (contract v1.1).

test.beforeEach(async ({ request }) => {
  expect((await request.post('/api/__test__/reset')).status()).toBe(204)
})

/** A second browser (its own cookie jar), signed in as demo. */
async function signInOnAnotherDevice(browser: Browser): Promise<Page> {
  const page = await (await browser.newContext()).newPage()
  await signIn(page)
  return page
}

async function openDevices(page: Page) {
  await page.getByRole('link', { name: 'Devices', exact: true }).click()
  return page.getByRole('list', { name: 'Devices' })
}

/**
 * The other device's next request, whichever starts it. Brought to the front, a page whose data
 * is older than 30 seconds fetches it again on its own, and on a slow machine that request may
 * be the one refused, taking the page to sign-in before anything is clicked. A click that waits
 * for the Devices link would then wait for a link that is gone; followed inside the page, the
 * link is either there or not, in one step.
 */
async function sendNextRequest(page: Page) {
  await page.bringToFront()
  await page.evaluate(() => {
    document.querySelector<HTMLAnchorElement>('nav a[href="/devices"]')?.click()
  })
}

test('signs in against Django and stays signed in across a reload', async ({ page }) => {
  await signIn(page)
  await expect(page.getByText('Parasite').first()).toBeVisible()

  await page.reload()

  await expect(page.getByRole('banner').getByRole('button', { name: 'Sign out' })).toBeVisible()
  await expect(page.getByText('Parasite').first()).toBeVisible()
})

test('three tabs opened at once restore one session, with no refresh taken for reuse', async ({
  context,
  page,
}) => {
  await signIn(page)
  // One tab refreshes under the lock and shares the token; the others take it from there.
  expect(await refreshesOfThreeNewTabs(context)).toEqual([200])
})

test('signing out of all devices ends the other device’s session at its next request', async ({
  page,
  browser,
}) => {
  await signIn(page)
  const other = await signInOnAnotherDevice(browser)

  await openDevices(page)
  await page.getByRole('button', { name: 'Sign out of all devices' }).click()
  await page.getByRole('dialog').getByRole('button', { name: 'Sign out of all devices' }).click()
  await expect(page).toHaveURL(/\/login/)

  // The device list is fetched fresh on every visit: a request with the old access token.
  await sendNextRequest(other)
  await expect(other).toHaveURL(/\/login/)
  await other.context().close()
})

test('a device signed out from the device list is sent to sign-in at its next request', async ({
  page,
  browser,
}) => {
  await signIn(page)
  const other = await signInOnAnotherDevice(browser)

  const devices = await openDevices(page)
  await expect(devices.getByRole('listitem')).toHaveCount(2)
  await devices.getByRole('button', { name: 'Sign out' }).click()
  await expect(devices.getByRole('listitem')).toHaveCount(1)

  // Its access token has not expired, and is refused at once: Django checks the session.
  await sendNextRequest(other)
  await expect(other).toHaveURL(/\/login/)
  await expect(
    other.getByRole('status').filter({ hasText: 'You were signed out from another device.' }),
  ).toBeVisible()
  await other.context().close()
})

// The mock providers run on their own origin (`npm run providers`); Django exchanges the code at
// their token endpoint and reads their user-info endpoint, as it would Google's, Kakao's, Naver's.
for (const provider of [GOOGLE, KAKAO, NAVER]) {
  test(`signs a new person in with ${provider.name} through Django`, async ({ page }) => {
    await openConsentPage(page, provider)
    expect(new URL(page.url()).pathname).toBe(`/api/oauth/${provider.id}/authorize`)

    await agreeAs(page, provider.newPerson)

    await expect(page).toHaveURL(/\/movies$/)
    await expectSignedInWith(page, provider, provider.newPerson)
    await page.reload()
    await expectSignedInWith(page, provider, provider.newPerson)
  })

  test.describe(`${provider.name} with demo’s email`, () => {
    // The browser reports the exchange's 409 account_exists as a console error.
    test.use({ expectedConsoleErrors: [/status of 409/] })

    test(`links ${provider.name} to demo only once demo signs in with its password`, async ({
      page,
    }) => {
      await openConsentPage(page, provider)
      await agreeAs(page, provider.demo)

      await signInToLink(page, provider, { username: 'demo', password: 'demo-password-1' })
      await expect(page).toHaveURL(/\/movies$/)
      await page.getByRole('button', { name: 'Sign out' }).first().click()

      await openConsentPage(page, provider)
      await agreeAs(page, provider.demo)
      await expect(page).toHaveURL(/\/movies$/)
      await expectSignedInWith(page, provider, 'Demo Viewer')
    })
  })
}
