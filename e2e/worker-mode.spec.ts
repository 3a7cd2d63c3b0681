import { expect, signIn, test } from './fixtures'

// Here the mock backend lives in the page's service worker, so there is no server-side lab.
test('signs in and browses with the mock backend in a service worker', async ({ page }) => {
  await page.goto('/login')
  await expect(page.getByText(/refresh cookie is only\s+simulated/)).toBeVisible()
  await signIn(page)
  await expect(page.getByRole('heading', { name: 'Movies' })).toBeVisible()
  await expect(page.getByText('Parasite').first()).toBeVisible()

  await page.getByRole('link', { name: 'Watchlist', exact: true }).click()
  await expect(page.getByRole('heading', { name: 'Watchlist' })).toBeVisible()
  await expect(page.getByText('Spirited Away')).toBeVisible()
})
