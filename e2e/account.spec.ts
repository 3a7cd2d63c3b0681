import AxeBuilder from '@axe-core/playwright'
import { expect, lab, signIn, test } from './fixtures'
import { deletePasskeyThenBeRefused, signInWithANewPasskey } from './passkey-flow'

test.beforeEach(async ({ request }) => {
  await lab(request).reset()
})

test('a passkey added on the account page signs in, survives a reload, and stops once deleted', async ({
  page,
}) => {
  await signInWithANewPasskey(page)
  await deletePasskeyThenBeRefused(page)
})

test('the account page has no accessibility violations', async ({ page }) => {
  await signIn(page)
  await page.getByRole('link', { name: 'Account' }).click()
  await expect(
    page.getByRole('region', { name: 'Passkeys' }).getByText('You have no passkeys yet.'),
  ).toBeVisible()
  const results = await new AxeBuilder({ page }).analyze()
  expect(results.violations).toEqual([])
})

for (const { path, ready, data } of [
  {
    path: '/account',
    ready: 'You have no passkeys yet.',
    data: ['/api/auth/refresh', '/api/auth/sessions', '/api/me', '/api/auth/passkeys'],
  },
  {
    path: '/movies',
    ready: 'Parasite',
    data: ['/api/auth/refresh', '/api/auth/sessions', '/api/movies', '/api/me/watchlist'],
  },
]) {
  test(`a returning person's ${path} asks for each piece of its data once`, async ({ page }) => {
    await signIn(page)
    await page.goto(path)
    await expect(page.getByText(ready).first()).toBeVisible()
    const asked: string[] = []
    page.on('request', (request) => {
      const { pathname } = new URL(request.url())
      if (pathname.startsWith('/api/')) asked.push(pathname)
    })

    // Asked for as the session is restored, and again by the page as it renders, the data would
    // be fetched twice if the two asked under different keys.
    await page.reload()
    await expect(page.getByText(ready).first()).toBeVisible()

    for (const endpoint of data) {
      expect(
        asked.filter((pathname) => pathname === endpoint),
        endpoint,
      ).toHaveLength(1)
    }
  })
}
