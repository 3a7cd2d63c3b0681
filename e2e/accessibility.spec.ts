import AxeBuilder from '@axe-core/playwright'
import { expect, signIn, test, type Page } from './fixtures'

async function seriousViolations(page: Page) {
  const results = await new AxeBuilder({ page }).analyze()
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map(
      (violation) => `${violation.id}: ${violation.nodes.map((node) => node.target).join(' | ')}`,
    )
}

for (const scheme of ['light', 'dark'] as const) {
  test.describe(`${scheme} colour scheme`, () => {
    test.use({ colorScheme: scheme })

    test('the sign-in page has no serious accessibility violation', async ({ page }) => {
      await page.goto('/login')
      await expect(page.getByRole('button', { name: 'Sign in', exact: true })).toBeVisible()
      expect(await seriousViolations(page)).toEqual([])
    })

    for (const [path, heading] of [
      ['/movies', 'Movies'],
      ['/devices', 'Signed-in devices'],
    ] as const) {
      test(`${path} has no serious accessibility violation`, async ({ page }) => {
        await signIn(page)
        await page.goto(path)
        await expect(page.getByRole('heading', { name: heading })).toBeVisible()
        expect(await seriousViolations(page)).toEqual([])
      })
    }
  })
}
