import { expect, test } from './fixtures'

// With the mock backend in the page's service worker, which never answers a page navigation: the
// consent page and its form are drawn and sent by the page itself (see mocks/hosts/browser-documents.ts).
test('signs in with Kakao and cancels at Naver with the mock backend in a service worker', async ({
  page,
}) => {
  await page.goto('/watchlist')
  await page.getByRole('button', { name: 'Login with Kakao' }).click()
  await expect(
    page.getByRole('heading', { level: 1, name: /Sign in with Kakao Account/ }),
  ).toBeVisible()
  await page.getByRole('radio', { name: /김민준/ }).check()
  await page.getByRole('button', { name: /Agree and continue/ }).click()

  await expect(page).toHaveURL(/\/watchlist$/)
  await expect(page.getByRole('banner').getByText('김민준')).toBeVisible()
  await expect(page.getByRole('banner').getByLabel('Signed in with Kakao')).toBeVisible()
  expect(await page.evaluate(() => Object.keys(sessionStorage))).toEqual([])

  await page.getByRole('button', { name: 'Sign out' }).click()
  await page.getByRole('button', { name: 'Log in with NAVER' }).click()
  await page.getByRole('button', { name: /Cancel/ }).click()
  await expect(page.getByRole('alert').filter({ hasText: /\S/ })).toHaveText(
    'Sign-in with Naver was cancelled.',
  )
})
