import { DEMO, expect, test } from './fixtures'

test('a signed-out visitor to /watchlist lands on /watchlist after signing in', async ({
  page,
}) => {
  await page.goto('/watchlist')
  await expect(page).toHaveURL(/\/login$/)
  await page.getByLabel('Username').fill(DEMO.username)
  await page.getByLabel('Password').fill(DEMO.password)
  await page.getByRole('button', { name: 'Sign in', exact: true }).click()
  await expect(page).toHaveURL(/\/watchlist$/)
  await expect(page.getByRole('heading', { name: 'Watchlist' })).toBeVisible()
})

for (const returnTo of [
  '//evil.example',
  '/\\evil.example',
  'https://evil.example/movies',
  'javascript:alert(1)',
]) {
  test(`returnTo=${returnTo} lands on /movies`, async ({ page }) => {
    await page.goto(`/login?returnTo=${encodeURIComponent(returnTo)}`)
    await page.getByLabel('Username').fill(DEMO.username)
    await page.getByLabel('Password').fill(DEMO.password)
    await page.getByRole('button', { name: 'Sign in', exact: true }).click()
    await expect(page).toHaveURL(/^http:\/\/localhost:\d+\/movies$/)
  })
}

test('a same-origin returnTo is honoured', async ({ page }) => {
  await page.goto(`/login?returnTo=${encodeURIComponent('/movies?query=star')}`)
  await page.getByLabel('Username').fill(DEMO.username)
  await page.getByLabel('Password').fill(DEMO.password)
  await page.getByRole('button', { name: 'Sign in', exact: true }).click()
  await expect(page).toHaveURL(/\/movies\?query=star$/)
})
