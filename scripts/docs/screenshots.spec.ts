import { expect, test, type APIRequestContext, type Page } from '@playwright/test'
import { STEP_UP_MAX_AGE_SEC } from '../../contract/account'
import { DEMO, lab } from '../../e2e/fixtures'
import { GOOGLE } from '../../e2e/social-providers'

/**
 * The README's pictures, in English and Korean, light and dark, into docs/images: the sign-in
 * page, the session-end notice, the devices page, the account page, the step-up dialog and the
 * sign-in page's offer to link a provider. The notice needs a session that ends within five
 * minutes: the token responses are given a `sessionExpiresAt` four minutes ahead, as a v1.1
 * backend with four-minute sessions would send.
 */

const IMAGES = 'docs/images'
const XHR = { 'X-Requested-With': 'XMLHttpRequest' }

async function endSessionsIn(page: Page, ms: number) {
  await page.route('**/api/auth/{login,refresh}', async (route) => {
    const response = await route.fetch()
    if (!response.ok()) return route.fulfill({ response })
    const body = await response.json()
    return route.fulfill({
      response,
      json: { ...body, sessionExpiresAt: new Date(Date.now() + ms).toISOString() },
    })
  })
}

async function signIn(page: Page, labels: { username: string; password: string; submit: string }) {
  await page.goto('/login')
  await page.getByLabel(labels.username).fill(DEMO.username)
  await page.getByLabel(labels.password).fill(DEMO.password)
  await page.getByRole('button', { name: labels.submit, exact: true }).click()
  // Signed in once the page has moved on: leaving earlier would cut the sign-in short.
  await expect(page).toHaveURL(/\/movies$/)
}

/** Signs demo in with `request`'s cookies: a page's own request client, or another device's. */
async function signInOver(request: APIRequestContext) {
  const response = await request.post('/api/auth/login', { data: DEMO, headers: XHR })
  expect(response.status()).toBe(200)
}

const LANGUAGES = {
  en: {
    locale: 'en-US',
    labels: { username: 'Username', password: 'Password', submit: 'Sign in' },
    heading: 'Sign in to Reel',
    notice: 'Your session ends in',
    devices: 'Signed-in devices',
    account: 'Account',
    signOutOthers: 'Sign out of other devices',
    othersQuestion: 'Sign out of other devices?',
    stepUp: "Confirm it's you",
    accountExists: 'An account with this email already exists.',
  },
  ko: {
    locale: 'ko-KR',
    labels: { username: '아이디', password: '비밀번호', submit: '로그인' },
    heading: 'Reel 로그인',
    notice: '로그인이 종료돼요',
    devices: '로그인된 기기',
    account: '계정',
    signOutOthers: '다른 기기에서 로그아웃',
    othersQuestion: '다른 기기에서 모두 로그아웃할까요?',
    stepUp: '본인 확인',
    accountExists: '이 이메일로 된 계정이 이미 있어요.',
  },
} as const

for (const [lang, words] of Object.entries(LANGUAGES)) {
  for (const scheme of ['light', 'dark'] as const) {
    test.describe(`${lang} ${scheme}`, () => {
      test.use({ locale: words.locale, colorScheme: scheme })

      test('screenshots', async ({ page, browser, request }) => {
        test.setTimeout(90_000)
        const labApi = lab(request)
        await labApi.reset()

        await page.goto('/login')
        await expect(page.getByRole('heading', { name: words.heading })).toBeVisible()
        await page.screenshot({ path: `${IMAGES}/sign-in-${lang}-${scheme}.png` })

        // A second device, so the devices page lists two.
        const other = await browser.newContext({
          locale: words.locale,
          userAgent:
            'Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.0 Mobile/15E148 Safari/604.1',
        })
        await signIn(await other.newPage(), words.labels)
        await other.close()

        await endSessionsIn(page, 4 * 60_000)
        await signIn(page, words.labels)
        await page.goto('/devices')
        await expect(page.getByRole('heading', { level: 1, name: words.devices })).toBeVisible()
        await expect(page.getByText(words.notice)).toBeVisible()
        await page.screenshot({ path: `${IMAGES}/session-notice-${lang}-${scheme}.png` })

        // Without the four-minute end: a reload restores the session with the backend's own.
        await page.unrouteAll()
        await page.reload()
        await expect(page.locator('.device-list li')).toHaveCount(2)
        await page.screenshot({ path: `${IMAGES}/devices-${lang}-${scheme}.png`, fullPage: true })
      })

      test('account screenshots', async ({ page, request }) => {
        test.setTimeout(90_000)
        const labApi = lab(request)
        await labApi.reset()
        // Tokens outlive the run, so moving the clock makes the sign-in old and nothing else.
        await labApi.configure({ accessTokenTtlSec: 3600 })

        // Google's account with demo's email: the backend offers to link it to demo.
        await page.goto('/login')
        await page.locator('.social-button.google').click()
        await page.getByRole('radio', { name: new RegExp(GOOGLE.demo) }).check()
        await page.locator('button[name="decision"][value="allow"]').click()
        await expect(page.getByText(words.accountExists)).toBeVisible()
        await page.screenshot({ path: `${IMAGES}/sign-in-link-${lang}-${scheme}.png` })

        await signInOver(page.request)
        await signInOver(request)
        await page.goto('/account')
        await expect(page.getByRole('heading', { level: 1, name: words.account })).toBeVisible()
        await expect(page.locator('.account-sections')).toBeVisible()
        await page.screenshot({ path: `${IMAGES}/account-${lang}-${scheme}.png`, fullPage: true })

        await page.goto('/devices')
        await expect(page.locator('.device-list li')).toHaveCount(2)
        await labApi.configure({ serverClockSkewSec: STEP_UP_MAX_AGE_SEC + 60 })
        await page.getByRole('button', { name: words.signOutOthers, exact: true }).click()
        await page
          .getByRole('dialog', { name: words.othersQuestion })
          .getByRole('button', { name: words.signOutOthers, exact: true })
          .click()
        await expect(page.getByRole('dialog', { name: words.stepUp })).toBeVisible()
        await page.screenshot({ path: `${IMAGES}/step-up-${lang}-${scheme}.png` })
      })
    })
  }
}
