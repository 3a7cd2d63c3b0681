import AxeBuilder from '@axe-core/playwright'
import { expect, test, type Page } from './fixtures'
import {
  agreeAs,
  expectSignedInWith,
  GOOGLE,
  KAKAO,
  NAVER,
  NAVER_ALICE,
  openConsentPage,
  signInToLink,
  type ProviderCase,
} from './social-providers'

/** Every code exchange the page sends to Reel's backend. */
function watchExchanges(page: Page): string[] {
  const sent: string[] = []
  page.on('request', (request) => {
    if (request.method() === 'POST' && request.url().includes('/api/auth/oauth/')) {
      sent.push(request.url())
    }
  })
  return sent
}

/** The provider's redirect back to Reel, as the browser navigates to it. */
function callbackNavigation(page: Page, provider: ProviderCase) {
  return page.waitForResponse(
    (response) =>
      response.request().isNavigationRequest() &&
      response.url().includes(`/auth/callback/${provider.id}?`),
  )
}

const sessionStorageKeys = (page: Page) => page.evaluate(() => Object.keys(sessionStorage))

async function linkedMethods(page: Page): Promise<string[]> {
  await page.getByLabel(/^Signed in with /).click()
  return page
    .getByRole('list', { name: 'Linked sign-in methods' })
    .getByRole('listitem')
    .allTextContents()
}

for (const provider of [GOOGLE, KAKAO, NAVER]) {
  test.describe(`${provider.name} sign-in`, () => {
    test('signs a new person in and lands where they meant to go', async ({ page, labApi }) => {
      const exchanges = watchExchanges(page)
      await openConsentPage(page, provider, '/watchlist')
      await expect(page.getByText('Reel', { exact: true }).first()).toBeVisible()
      const callback = callbackNavigation(page, provider)

      await agreeAs(page, provider.newPerson)

      const callbackResponse = await callback
      expect(callbackResponse.headers()['referrer-policy']).toBe('no-referrer')
      await expect(page).toHaveURL(/\/watchlist$/)
      await expectSignedInWith(page, provider, provider.newPerson)
      expect(await linkedMethods(page)).toEqual([provider.name])
      expect(exchanges).toHaveLength(1)
      expect(await sessionStorageKeys(page)).toEqual([])
      expect((await labApi.stats()).activeSessions).toBe(1)

      await page.getByRole('link', { name: 'Devices' }).click()
      const thisDevice = page.getByRole('listitem').filter({ hasText: 'This device' })
      await expect(thisDevice.getByText(provider.name, { exact: true })).toBeVisible()
    })

    test('says the sign-in was cancelled and signs no one in', async ({ page, labApi }) => {
      const exchanges = watchExchanges(page)
      await openConsentPage(page, provider)

      await page.getByRole('button', { name: /Cancel/ }).click()

      await expect(page).toHaveURL(/\/login$/)
      await expect(page.getByRole('alert').filter({ hasText: /\S/ })).toHaveText(
        `Sign-in with ${provider.name} was cancelled.`,
      )
      expect(exchanges).toEqual([])
      expect(await sessionStorageKeys(page)).toEqual([])
      expect((await labApi.stats()).activeSessions).toBe(0)
    })

    test('refuses a state tampered with in the URL before any exchange', async ({
      page,
      labApi,
    }) => {
      const exchanges = watchExchanges(page)
      // Rewrites the provider's redirect back, as an attacker handing over a crafted link would.
      await page.route(`**/api/oauth/${provider.id}/consent`, async (route) => {
        const response = await route.fetch({ maxRedirects: 0 })
        const location = new URL(response.headers()['location'] ?? '')
        location.searchParams.set('state', 'attacker-chosen-state')
        await route.fulfill({
          response,
          headers: { ...response.headers(), location: location.href },
        })
      })
      await openConsentPage(page, provider)

      await agreeAs(page, provider.newPerson)

      await expect(page).toHaveURL(/\/login$/)
      await expect(page.getByRole('alert').filter({ hasText: /\S/ })).toHaveText(
        `We could not verify this sign-in with ${provider.name}. Please start again.`,
      )
      expect(exchanges).toEqual([])
      expect(await sessionStorageKeys(page)).toEqual([])
      expect((await labApi.stats()).activeSessions).toBe(0)
    })

    test('refuses the callback URL loaded again, and the server refuses its code', async ({
      page,
      labApi,
    }) => {
      const exchanges = watchExchanges(page)
      await openConsentPage(page, provider)
      const callback = callbackNavigation(page, provider)
      await agreeAs(page, provider.newPerson)
      const callbackUrl = (await callback).url()
      await expectSignedInWith(page, provider, provider.newPerson)
      await page.getByRole('button', { name: 'Sign out' }).click()
      await expect(page).toHaveURL(/\/login$/)

      await page.goto(callbackUrl)

      await expect(page).toHaveURL(/\/login$/)
      await expect(page.getByRole('alert').filter({ hasText: /\S/ })).toHaveText(
        `We could not verify this sign-in with ${provider.name}. Please start again.`,
      )
      expect(exchanges).toHaveLength(1)
      expect((await labApi.stats()).activeSessions).toBe(0)
      // Sent anyway, straight to the server, the code is spent.
      const code = new URL(callbackUrl).searchParams.get('code')
      const replay = await page.request.post(`/api/auth/oauth/${provider.id}`, {
        headers: { 'X-Requested-With': 'XMLHttpRequest' },
        data: {
          code,
          codeVerifier: 'a'.repeat(43),
          redirectUri: callbackUrl.split('?')[0],
        },
      })
      expect(replay.status()).toBe(400)
      expect(await replay.json()).toMatchObject({
        code: 'invalid_grant',
        detail: 'The authorization code was already used.',
      })
    })

    test('has a consent page with no accessibility violation', async ({ page }) => {
      await openConsentPage(page, provider)
      const results = await new AxeBuilder({ page }).analyze()
      expect(results.violations.map((violation) => violation.id)).toEqual([])
    })
  })
}

test.describe('with an existing account’s email', () => {
  test.use({ expectedConsoleErrors: [/status of 409/] })

  test('Naver with alice’s email: signing in as alice links Naver and lands where she was going', async ({
    page,
  }) => {
    const exchanges = watchExchanges(page)
    await openConsentPage(page, NAVER, '/devices')
    await agreeAs(page, NAVER_ALICE)

    await signInToLink(page, NAVER, { username: 'alice', password: 'alice-password-1' })

    await expect(page).toHaveURL(/\/devices$/)
    const thisDevice = page.getByRole('listitem').filter({ hasText: 'This device' })
    await expect(thisDevice.getByText('Password', { exact: true })).toBeVisible()
    expect(await linkedMethods(page)).toEqual(['Password', 'Naver'])
    expect(exchanges).toHaveLength(1)
    // The link token never reached storage or the address bar.
    expect(await sessionStorageKeys(page)).toEqual([])
    expect(page.url()).not.toMatch(/[?#]/)
  })
})

test('completes a sign-in only in the tab that started it', async ({ page, context }) => {
  // Hold the provider's redirect back in the first tab, as if its link were copied elsewhere.
  let callbackUrl = ''
  await page.route('**/api/oauth/kakao/consent', async (route) => {
    const response = await route.fetch({ maxRedirects: 0 })
    callbackUrl = response.headers()['location'] ?? ''
    await route.fulfill({ status: 204 })
  })
  await openConsentPage(page, KAKAO)
  await agreeAs(page, KAKAO.newPerson)
  await expect.poll(() => callbackUrl).toContain('code=')

  const otherTab = await context.newPage()
  const otherExchanges = watchExchanges(otherTab)
  await otherTab.goto(callbackUrl)
  await expect(otherTab.getByRole('alert').filter({ hasText: /\S/ })).toHaveText(
    'We could not verify this sign-in with Kakao. Please start again.',
  )
  expect(otherExchanges).toEqual([])

  await page.goto(callbackUrl)
  await expect(page).toHaveURL(/\/movies$/)
  await expectSignedInWith(page, KAKAO, KAKAO.newPerson)
})

for (const scheme of ['light', 'dark'] as const) {
  test(`the sign-in page with its provider buttons has no serious violation (${scheme})`, async ({
    page,
  }) => {
    await page.emulateMedia({ colorScheme: scheme })
    await page.goto('/login')
    await expect(page.getByRole('button', { name: NAVER.button })).toBeVisible()
    const results = await new AxeBuilder({ page }).analyze()
    const serious = results.violations.filter((violation) =>
      ['serious', 'critical'].includes(violation.impact ?? ''),
    )
    expect(serious.map((violation) => violation.id)).toEqual([])
  })
}
