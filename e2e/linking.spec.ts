import type { BrowserContext } from '@playwright/test'
import { STEP_UP_MAX_AGE_SEC } from '../contract/account'
import {
  addVirtualAuthenticator,
  DEMO,
  expect,
  signIn,
  test,
  type Lab,
  type Page,
} from './fixtures'
import {
  ACCOUNT_EXISTS,
  agreeAs,
  expectSignedInWith,
  GOOGLE,
  KAKAO,
  linkedAccounts,
  linkedProviderNames,
  NAVER,
  openConsentPage,
  signInToLink,
  startLinkFromAccount,
} from './social-providers'

/** The statuses of every answer to `method path` the pages of `context` receive, in order. */
function recordStatuses(context: BrowserContext, method: string, path: string) {
  const seen: number[] = []
  context.on('response', (response) => {
    const request = response.request()
    if (request.method() === method && new URL(response.url()).pathname === path) {
      seen.push(response.status())
    }
  })
  return seen
}

async function openAccount(page: Page) {
  await page.getByRole('link', { name: 'Account' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Account' })).toBeVisible()
}

/** The sign-in methods the header's menu lists, opening it first. */
async function headerLinkedMethods(
  page: Page,
  { menu = 'Signed in with Password', list = 'Linked sign-in methods' } = {},
) {
  const header = page.getByRole('banner')
  await header.getByLabel(menu).click()
  return header.getByRole('list', { name: list }).getByRole('listitem').allTextContents()
}

for (const provider of [GOOGLE, KAKAO, NAVER]) {
  test.describe(`${provider.name} with demo’s email`, () => {
    // The browser reports the exchange's 409 account_exists as a console error.
    test.use({ expectedConsoleErrors: [/status of 409/] })

    test('never signs in to demo by its email: demo’s password links it, then it signs in', async ({
      page,
      labApi,
    }) => {
      await openConsentPage(page, provider)
      await agreeAs(page, provider.demo)

      await signInToLink(page, provider, DEMO)

      await expect(page).toHaveURL(/\/movies$/)
      await openAccount(page)
      await expect.poll(() => linkedProviderNames(page)).toEqual([provider.name])
      // The link token never reached storage or the address bar.
      expect(await page.evaluate(() => Object.keys(sessionStorage))).toEqual([])
      expect(page.url()).not.toMatch(/[?#]/)

      await page.getByRole('button', { name: 'Sign out' }).first().click()
      await expect(page).toHaveURL(/\/login$/)
      await openConsentPage(page, provider)
      await agreeAs(page, provider.demo)
      // Back on the page demo signed out from.
      await expect(page).toHaveURL(/\/account$/)
      await expectSignedInWith(page, provider, 'Demo Viewer')
      expect((await labApi.stats()).activeSessions).toBe(1)
    })
  })
}

/** Demo on the account page, with a sign-in older than a step-up endpoint accepts. */
async function staleSignInOnAccount(page: Page, labApi: Lab) {
  // Access tokens outlive the moved clock, so the only refusal is the step-up one.
  await labApi.configure({ accessTokenTtlSec: 3600 })
  await signIn(page)
  await openAccount(page)
  await expect(
    linkedAccounts(page).getByText('No provider is linked to your account.'),
  ).toBeVisible()
  await labApi.configure({ serverClockSkewSec: STEP_UP_MAX_AGE_SEC + 60 })
}

test('links Kakao from the account page after one confirmation of an old sign-in', async ({
  page,
  context,
  labApi,
}) => {
  await staleSignInOnAccount(page, labApi)
  const links = recordStatuses(context, 'POST', '/api/me/providers/kakao')

  await startLinkFromAccount(page, KAKAO, 'Link Kakao')
  await agreeAs(page, KAKAO.demo)

  const dialog = page.getByRole('dialog', { name: "Confirm it's you" })
  await expect(dialog).toBeVisible()
  await expect(page.getByRole('dialog')).toHaveCount(1)
  await dialog.getByLabel('Password', { exact: true }).fill(DEMO.password)
  await dialog.getByRole('button', { name: 'Confirm', exact: true }).click()

  await expect(page).toHaveURL(/\/account$/)
  await expect(page.getByRole('status').filter({ hasText: 'Kakao is linked.' })).toBeVisible()
  await expect(dialog).toHaveCount(0)
  await expect.poll(() => linkedProviderNames(page)).toEqual(['Kakao'])
  await expect(
    linkedAccounts(page).getByRole('button', { name: 'Link Kakao', exact: true }),
  ).toHaveCount(0)
  expect(links).toEqual([401, 200])
  expect(await headerLinkedMethods(page)).toEqual(['Password', 'Kakao'])

  // Told once: a reload, or a return by Back, finds the account as it is and no news.
  const linked = page.getByText('Kakao is linked.')
  await page.reload()
  await expect.poll(() => linkedProviderNames(page)).toEqual(['Kakao'])
  await expect(linked).toHaveCount(0)
  await page.getByRole('link', { name: 'Movies' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Movies' })).toBeVisible()
  await page.goBack()
  await expect.poll(() => linkedProviderNames(page)).toEqual(['Kakao'])
  await expect(linked).toHaveCount(0)

  // Kakao now signs in to demo.
  await page.getByRole('button', { name: 'Sign out' }).first().click()
  await expect(page).toHaveURL(/\/login$/)
  await openConsentPage(page, KAKAO)
  await agreeAs(page, KAKAO.demo)
  await expectSignedInWith(page, KAKAO, 'Demo Viewer')
})

/** What linking Kakao reads like in each language, as the callback page and the account say it. */
const LINKING_IN = {
  en: {
    locale: 'en-US',
    link: 'Link Kakao',
    agree: 'Agree and continue',
    heading: 'Linking Kakao to your account…',
    title: 'Linking an account · Reel',
    linked: 'Kakao is linked.',
    menu: 'Signed in with Password',
    list: 'Linked sign-in methods',
    methods: ['Password', 'Kakao'],
  },
  ko: {
    locale: 'ko-KR',
    link: '카카오 연결',
    agree: '동의하고 계속하기',
    heading: '카카오 계정을 연결하고 있어요…',
    title: '계정 연결 중 · Reel',
    linked: '카카오 계정을 연결했어요.',
    menu: '비밀번호(으)로 로그인함',
    list: '연결된 로그인 방법',
    methods: ['비밀번호', '카카오'],
  },
} as const

for (const [language, words] of Object.entries(LINKING_IN)) {
  test.describe(`in ${language}`, () => {
    test.use({ locale: words.locale })

    test('the callback page says Kakao is being linked, then the account and header show it', async ({
      page,
      labApi,
    }, testInfo) => {
      const login = await page.request.post('/api/auth/login', {
        data: DEMO,
        headers: { 'X-Requested-With': 'XMLHttpRequest' },
      })
      expect(login.status()).toBe(200)
      await page.goto('/account')
      // The link waits for the test, so the callback page can be seen while it is made.
      let release = () => {}
      const released = new Promise<void>((resolve) => {
        release = resolve
      })
      await page.route('**/api/me/providers/kakao', async (route) => {
        await released
        await route.continue()
      })

      await page.getByRole('button', { name: words.link, exact: true }).click()
      await page.getByRole('radio', { name: new RegExp(KAKAO.demo) }).check()
      await page.getByRole('button', { name: words.agree }).click()

      await expect(page.getByRole('heading', { level: 1, name: words.heading })).toBeVisible()
      await expect(page).toHaveTitle(words.title)
      await page.screenshot({ path: testInfo.outputPath(`callback-linking-${language}.png`) })
      release()

      await expect(page.getByRole('status').filter({ hasText: words.linked })).toBeVisible()
      expect(await headerLinkedMethods(page, words)).toEqual(words.methods)
      await page.screenshot({ path: testInfo.outputPath(`account-linked-${language}.png`) })
      // A link is no sign-in: demo still has the one session.
      expect((await labApi.stats()).activeSessions).toBe(1)
    })
  })
}

test('cancelling the confirmation links nothing and says so calmly', async ({
  page,
  context,
  labApi,
}) => {
  await staleSignInOnAccount(page, labApi)
  const links = recordStatuses(context, 'POST', '/api/me/providers/naver')

  await startLinkFromAccount(page, NAVER, 'Link Naver')
  await agreeAs(page, NAVER.demo)
  const dialog = page.getByRole('dialog', { name: "Confirm it's you" })
  await dialog.getByRole('button', { name: 'Cancel', exact: true }).click()

  await expect(page).toHaveURL(/\/account$/)
  await expect(
    page.getByRole('status').filter({ hasText: 'Naver was not linked. Nothing changed.' }),
  ).toBeVisible()
  expect(await linkedProviderNames(page)).toEqual([])
  expect(links).toEqual([401])
  await expect(page.getByRole('button', { name: 'Sign out' }).first()).toBeVisible()
})

test.describe('with a passkey instead of the password', () => {
  test.use({ expectedConsoleErrors: [/status of 409/] })

  test('signing in with demo’s passkey takes one more trip to Naver, which links it', async ({
    page,
    context,
    labApi,
  }) => {
    const authenticator = await addVirtualAuthenticator(page)
    await signIn(page)
    await openAccount(page)
    const passkeys = page.getByRole('region', { name: 'Passkeys' })
    await passkeys.getByRole('button', { name: 'Add a passkey' }).click()
    await expect(passkeys.getByRole('listitem')).toHaveCount(1)
    // From now on the passkey waits to be chosen: the sign-in page's autofill must not use it.
    await authenticator.setPresent(false)
    await page.getByRole('button', { name: 'Sign out' }).first().click()
    await expect(page).toHaveURL(/\/login$/)
    const logins = recordStatuses(context, 'POST', '/api/auth/login')
    const links = recordStatuses(context, 'POST', '/api/me/providers/naver')

    await openConsentPage(page, NAVER)
    await agreeAs(page, NAVER.demo)
    await expect(page.getByText(ACCOUNT_EXISTS(NAVER))).toHaveAttribute('role', 'status')
    await expect(
      page.getByText('After you sign in with a passkey, Naver asks you once more, to link it.'),
    ).toBeVisible()
    await authenticator.setPresent(true)
    await page.getByRole('button', { name: 'Sign in with a passkey' }).click()
    await expect(page.getByRole('heading', { level: 1, name: NAVER.heading })).toBeVisible()
    await agreeAs(page, NAVER.demo)

    // Back on the page demo signed out from, which says so.
    await expect(page).toHaveURL(/\/account$/)
    await expect(page.getByText('Naver is linked.')).toHaveAttribute('role', 'status')
    await expect.poll(() => linkedProviderNames(page)).toEqual(['Naver'])
    expect(links).toEqual([200])
    // No password was used, and no link token was sent with one.
    expect(logins).toEqual([])
    expect((await labApi.stats()).activeSessions).toBe(1)
  })
})
