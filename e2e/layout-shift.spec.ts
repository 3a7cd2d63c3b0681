import type { Locator } from '@playwright/test'
import { DEMO, expect, lab, test, type Page } from './fixtures'

/**
 * Cumulative layout shift of a first load, as Lighthouse's mobile run sees it: the page's parts
 * (the session check, lazy chunks, data) arrive one after another, and none may push what is
 * already drawn. Lighthouse's "good" is under 0.1.
 */
const GOOD_CLS = 0.1

// Lighthouse's mobile screen: a Moto G Power.
test.use({
  viewport: { width: 412, height: 823 },
  deviceScaleFactor: 1.75,
  isMobile: true,
  hasTouch: true,
})

/** Sums every layout shift not caused by input, from the first paint on. */
function recordLayoutShifts(): void {
  const shifts: number[] = []
  Object.defineProperty(window, 'reelLayoutShifts', { value: shifts })
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      const shift = entry as PerformanceEntry & { value: number; hadRecentInput: boolean }
      if (!shift.hadRecentInput) shifts.push(shift.value)
    }
  }).observe({ type: 'layout-shift', buffered: true })
}

/** The shifts so far, once two more frames have been drawn (so the last change is counted). */
async function cumulativeLayoutShift(page: Page): Promise<number> {
  return page.evaluate(
    () =>
      new Promise<number>((resolve) =>
        requestAnimationFrame(() =>
          requestAnimationFrame(() => {
            const shifts = (window as unknown as { reelLayoutShifts: number[] }).reelLayoutShifts
            resolve(shifts.reduce((sum, value) => sum + value, 0))
          }),
        ),
      ),
  )
}

/**
 * Answers requests for `url` only once `drawn` has been visible: each part of the page then
 * arrives after the one before it has been painted, as on a slow phone, whatever this machine's
 * speed. Later requests wait for the same moment, which has passed.
 */
async function holdUntilDrawn(page: Page, url: string, drawn: Locator): Promise<void> {
  let seen: Promise<void> | undefined
  await page.route(url, async (route) => {
    seen ??= drawn.waitFor()
    await seen
    await route.continue()
  })
}

/** Signs in through the form; on a phone "Sign out" is folded in the menu, so the page is awaited. */
async function signIn(page: Page): Promise<void> {
  await page.goto('/login')
  await page.getByLabel('Username').fill(DEMO.username)
  await page.getByLabel('Password').fill(DEMO.password)
  await page.getByRole('button', { name: 'Sign in', exact: true }).click()
  await expect(page).toHaveURL(/\/movies$/)
}

// From the seed data, whatever other specs left behind.
test.beforeEach(async ({ context, request }) => {
  await lab(request).reset()
  await context.addInitScript(recordLayoutShifts)
})

test('the sign-in page draws without moving as the session check and its buttons arrive', async ({
  page,
}) => {
  const signInButton = page.getByRole('button', { name: 'Sign in', exact: true })
  await holdUntilDrawn(page, '**/api/auth/refresh', page.getByText('Checking your session…'))
  await holdUntilDrawn(page, '**/api/auth/providers', signInButton)
  await page.goto('/login')
  await expect(signInButton).toBeEnabled()
  await expect(page.getByRole('button', { name: 'Sign in with a passkey' })).toBeVisible()
  await expect(page.getByRole('button', { name: 'Sign in with Google' })).toBeVisible()
  expect(await cumulativeLayoutShift(page)).toBeLessThan(GOOD_CLS)
})

/** Each signed-in page: its data request, what holds its place meanwhile, and its content. */
const SIGNED_IN_PAGES = [
  {
    path: '/movies',
    data: '**/api/movies*',
    placeholder: '.movie-grid-skeleton',
    content: '.movie-title',
  },
  {
    path: '/account',
    data: '**/api/me',
    placeholder: '.page .skeleton-block',
    content: '.account-section h2',
  },
]

for (const { path, data, placeholder, content } of SIGNED_IN_PAGES) {
  test(`${path} restores the session and shows its content without moving`, async ({ page }) => {
    await signIn(page)
    await holdUntilDrawn(page, '**/api/auth/refresh', page.locator('.session-skeleton'))
    await holdUntilDrawn(page, data, page.locator(placeholder))
    await page.goto(path)
    await expect(page.locator(content).first()).toBeVisible()
    await expect(page.locator('.skeleton-block, .skeleton-line')).toHaveCount(0)
    expect(await cumulativeLayoutShift(page)).toBeLessThan(GOOD_CLS)
  })
}
