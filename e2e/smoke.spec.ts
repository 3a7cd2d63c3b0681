import { expect, signIn, test } from './fixtures'

test('signs in as demo and keeps the refresh token out of reach of scripts', async ({
  page,
  context,
  labApi,
}) => {
  await signIn(page)
  await expect(page).toHaveURL(/\/movies$/)
  await expect(page.getByRole('heading', { name: 'Movies' })).toBeVisible()
  await expect(page.getByText('Demo Viewer')).toBeVisible()
  expect((await labApi.stats()).loginCalls).toBe(1)

  const cookies = await context.cookies()
  const refresh = cookies.find((cookie) => cookie.name === '__Secure-reel_rt')
  expect(refresh).toMatchObject({
    httpOnly: true,
    secure: true,
    sameSite: 'Strict',
    path: '/api/auth',
  })

  const reachable = await page.evaluate(() => ({
    cookie: document.cookie,
    local: JSON.stringify({ ...localStorage }),
    session: JSON.stringify({ ...sessionStorage }),
  }))
  const secrets = [refresh?.value ?? 'missing', 'eyJ'] // the refresh token, or any JWT
  for (const place of Object.values(reachable)) {
    for (const secret of secrets) expect(place).not.toContain(secret)
  }
})

test('shows the sign-in page to a visitor without a session', async ({ page, labApi }) => {
  await page.goto('/movies')
  await expect(page).toHaveURL(/\/login$/)
  await expect(page.getByRole('heading', { name: 'Sign in to Reel' })).toBeVisible()
  expect((await labApi.stats()).refreshCalls).toBe(1)
})
