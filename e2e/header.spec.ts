import { DEMO, expect, lab, test, type Page } from './fixtures'

/**
 * From 40rem (640 px) up, the header is one row in both languages: the brand, the navigation and
 * the account tools side by side. Below 40rem the account tools fold behind a menu button.
 */
const ONE_ROW_WIDTHS = [640, 720, 800, 900, 1000]
const LOCALES = { en: 'en-US', ko: 'ko-KR' } as const

/**
 * The header's height, and the height it has when its items share one row: the tallest item, the
 * padding and the border, or its minimum height if that is more. Measured in the page, so the
 * fonts of the machine do not matter.
 */
function headerHeights(page: Page) {
  return page.locator('header.app-header').evaluate((header) => {
    const style = getComputedStyle(header)
    const px = (value: string) => Number.parseFloat(value) || 0
    const tallest = Math.max(
      ...[...header.children].map((child) => {
        const margins = getComputedStyle(child)
        return (
          child.getBoundingClientRect().height + px(margins.marginTop) + px(margins.marginBottom)
        )
      }),
    )
    const frame =
      px(style.paddingTop) +
      px(style.paddingBottom) +
      px(style.borderTopWidth) +
      px(style.borderBottomWidth)
    return {
      actual: header.getBoundingClientRect().height,
      oneRow: Math.max(px(style.minHeight), tallest + frame),
    }
  })
}

/** Signs in over the API (the context keeps the refresh cookie) and opens the movies page. */
async function openSignedIn(page: Page): Promise<void> {
  const login = await page.request.post('/api/auth/login', {
    data: DEMO,
    headers: { 'X-Requested-With': 'XMLHttpRequest' },
  })
  expect(login.status()).toBe(200)
  await page.goto('/movies')
  // Everything the header will hold: the name, and the badge of how this session signed in.
  await expect(page.locator('.app-header .user-name')).toHaveText(/\S/)
  await expect(page.locator('.app-header .provider-menu')).toBeAttached()
}

// From the seed data, whatever other specs left behind.
test.beforeEach(async ({ request }) => {
  await lab(request).reset()
})

for (const [language, locale] of Object.entries(LOCALES)) {
  test.describe(`in ${language}`, () => {
    test.use({ locale })

    test('the header is one row at every width from 640 to 1000 px', async ({ page }) => {
      await openSignedIn(page)
      for (const width of ONE_ROW_WIDTHS) {
        await page.setViewportSize({ width, height: 700 })
        const { actual, oneRow } = await headerHeights(page)
        expect(Math.abs(actual - oneRow), `at ${width} px: ${actual} px tall`).toBeLessThan(1)
        await expect(page.locator('.app-header .account')).toBeVisible()
      }
    })
  })
}

test('the menu button folds the account tools only below 40rem', async ({ page }) => {
  await openSignedIn(page)
  const menu = page.getByRole('button', { name: 'Menu' })
  await page.setViewportSize({ width: 639, height: 700 })
  await expect(menu).toBeVisible()
  await expect(page.locator('.app-header .account')).toBeHidden()
  await page.setViewportSize({ width: 640, height: 700 })
  await expect(menu).toBeHidden()
  await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible()
})
