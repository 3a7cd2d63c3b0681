import { expect, test, type Page } from '@playwright/test'
import { DEMO, lab } from '../../e2e/fixtures'

/**
 * The sign-in page, the session-end notice and the devices page, in English and Korean, light
 * and dark, for the README. The notice needs a session that ends within five minutes: the token
 * responses are given a `sessionExpiresAt` four minutes ahead, as a v1.1 backend with four-minute
 * sessions would send.
 */

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
}

const LANGUAGES = {
  en: {
    locale: 'en-US',
    labels: { username: 'Username', password: 'Password', submit: 'Sign in' },
    heading: 'Sign in to Reel',
    notice: 'Your session ends in',
    devices: 'Signed-in devices',
  },
  ko: {
    locale: 'ko-KR',
    labels: { username: '아이디', password: '비밀번호', submit: '로그인' },
    heading: 'Reel 로그인',
    notice: '로그인이 종료돼요',
    devices: '로그인된 기기',
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
        await page.screenshot({ path: `docs/sign-in-${lang}-${scheme}.png` })

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
        await page.screenshot({ path: `docs/session-notice-${lang}-${scheme}.png` })

        // Without the four-minute end: a reload restores the session with the backend's own.
        await page.unrouteAll()
        await page.reload()
        await expect(page.locator('.device-list li')).toHaveCount(2)
        await page.screenshot({ path: `docs/devices-${lang}-${scheme}.png`, fullPage: true })
      })
    })
  }
}
