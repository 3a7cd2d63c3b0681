import AxeBuilder from '@axe-core/playwright'
import type { APIRequestContext, BrowserContext } from '@playwright/test'
import { STEP_UP_MAX_AGE_SEC } from '../contract/account'
import { DEMO, expect, signIn, test, type Lab, type Page } from './fixtures'

const XHR = { 'X-Requested-With': 'XMLHttpRequest' }

/** The words the flow is found by, in each language the app speaks. */
const WORDS = {
  en: {
    username: 'Username',
    devices: 'Devices',
    devicesHeading: 'Signed-in devices',
    signOutOthers: 'Sign out of other devices',
    othersQuestion: 'Sign out of other devices?',
    othersDone: 'Your other devices were signed out.',
    stepUpTitle: "Confirm it's you",
    password: 'Password',
    confirm: 'Confirm',
    cancel: 'Cancel',
    wrongPassword: 'That password is incorrect.',
  },
  ko: {
    username: '아이디',
    devices: '내 기기',
    devicesHeading: '로그인된 기기',
    signOutOthers: '다른 기기에서 로그아웃',
    othersQuestion: '다른 기기에서 모두 로그아웃할까요?',
    othersDone: '다른 기기에서 모두 로그아웃했어요.',
    stepUpTitle: '본인 확인',
    password: '비밀번호',
    confirm: '확인',
    cancel: '취소',
    wrongPassword: '비밀번호가 올바르지 않아요.',
  },
} as const
type Words = (typeof WORDS)[keyof typeof WORDS]

/**
 * Access tokens outlive the test, so the only refusal the moved clock causes is the step-up one
 * (with the default 300 s lifetime, moving the clock would expire the token too and add a refresh).
 */
async function longLivedTokens(labApi: Lab): Promise<void> {
  await labApi.configure({ accessTokenTtlSec: 3600 })
}

/** Moves the server clock so that every sign-in so far is too old for a step-up endpoint. */
async function makeSignInsStale(labApi: Lab): Promise<void> {
  await labApi.configure({ serverClockSkewSec: STEP_UP_MAX_AGE_SEC + 60 })
}

/** A second session of demo's, as another browser would have. */
async function signInElsewhere(request: APIRequestContext): Promise<void> {
  const login = await request.post('/api/auth/login', { data: DEMO, headers: XHR })
  expect(login.status()).toBe(200)
}

/** The statuses of every auth API response the pages of `context` receive, by path. */
function recordAuthResponses(context: BrowserContext) {
  const seen: { path: string; status: number }[] = []
  context.on('response', (response) => {
    const { pathname } = new URL(response.url())
    if (pathname.startsWith('/api/auth/')) seen.push({ path: pathname, status: response.status() })
  })
  return (path: string) => seen.filter((entry) => entry.path === path).map((e) => e.status)
}

async function openDevices(page: Page, words: Words = WORDS.en): Promise<void> {
  await page.getByRole('navigation').getByRole('link', { name: words.devices, exact: true }).click()
  await expect(page.getByRole('heading', { name: words.devicesHeading })).toBeVisible()
}

const deviceList = (page: Page) => page.getByRole('list', { name: 'Devices' }).getByRole('listitem')

/** Presses "Sign out of other devices" and confirms it in the page's own dialog. */
async function signOutOthers(page: Page, words: Words = WORDS.en): Promise<void> {
  await page.getByRole('button', { name: words.signOutOthers, exact: true }).click()
  await page
    .getByRole('dialog', { name: words.othersQuestion })
    .getByRole('button', { name: words.signOutOthers, exact: true })
    .click()
}

const stepUpDialog = (page: Page, words: Words = WORDS.en) =>
  page.getByRole('dialog', { name: words.stepUpTitle })

async function confirmWith(page: Page, password: string, words: Words = WORDS.en) {
  const dialog = stepUpDialog(page, words)
  await dialog.getByLabel(words.password, { exact: true }).fill(password)
  await dialog.getByRole('button', { name: words.confirm, exact: true }).click()
}

/** Signed in as demo on Devices with one more session elsewhere, and the sign-in now stale. */
async function staleSignInWithAnotherDevice(page: Page, request: APIRequestContext, labApi: Lab) {
  await longLivedTokens(labApi)
  await signIn(page)
  await signInElsewhere(request)
  await openDevices(page)
  await expect(deviceList(page)).toHaveCount(2)
  await makeSignInsStale(labApi)
}

test.describe('step-up re-authentication', () => {
  test('an old sign-in is confirmed once, and the refused request is replayed once', async ({
    page,
    context,
    request,
    labApi,
  }) => {
    await staleSignInWithAnotherDevice(page, request, labApi)
    const statuses = recordAuthResponses(context)

    await signOutOthers(page)
    await expect(stepUpDialog(page)).toBeVisible()
    await expect(page.getByRole('dialog', { name: WORDS.en.stepUpTitle })).toHaveCount(1)
    expect(statuses('/api/auth/logout-others')).toEqual([401])
    await confirmWith(page, DEMO.password)

    await expect(page.getByRole('status').filter({ hasText: /\S/ })).toHaveText(WORDS.en.othersDone)
    await expect(stepUpDialog(page)).toHaveCount(0)
    await expect(deviceList(page)).toHaveCount(1)
    expect(statuses('/api/auth/logout-others')).toEqual([401, 204])
    expect(statuses('/api/auth/reauthenticate')).toEqual([200])
    expect(statuses('/api/auth/refresh')).toEqual([])
    expect((await labApi.stats()).activeSessions).toBe(1)
  })

  test('a token the server already finds expired is refreshed first, then confirmed once', async ({
    page,
    context,
    request,
    labApi,
  }) => {
    // The default lifetime: moving the clock past the sign-in's 5 minutes expires the token too,
    // though this tab's own clock still counts it good.
    await signIn(page)
    await signInElsewhere(request)
    await openDevices(page)
    await expect(deviceList(page)).toHaveCount(2)
    await makeSignInsStale(labApi)
    const statuses = recordAuthResponses(context)

    await signOutOthers(page)
    await expect(stepUpDialog(page)).toBeVisible()
    expect(statuses('/api/auth/refresh')).toEqual([200])
    await confirmWith(page, DEMO.password)

    await expect(page.getByRole('status').filter({ hasText: /\S/ })).toHaveText(WORDS.en.othersDone)
    await expect(deviceList(page)).toHaveCount(1)
    expect(statuses('/api/auth/logout-others')).toEqual([401, 401, 204])
    expect(statuses('/api/auth/reauthenticate')).toEqual([200])
    expect(statuses('/api/auth/refresh')).toEqual([200])
    expect((await labApi.stats()).activeSessions).toBe(1)
  })

  test('cancelling sends nothing more, ends no session and shows no error', async ({
    page,
    context,
    request,
    labApi,
  }) => {
    await staleSignInWithAnotherDevice(page, request, labApi)
    const statuses = recordAuthResponses(context)

    await signOutOthers(page)
    await stepUpDialog(page).getByRole('button', { name: WORDS.en.cancel, exact: true }).click()

    await expect(stepUpDialog(page)).toHaveCount(0)
    // Cancelling is the person's own choice: the page's confirmation closes without a word of
    // failure, and the button they started from has focus again.
    await expect(page.getByRole('dialog', { name: WORDS.en.othersQuestion })).toHaveCount(0)
    await expect(page.getByRole('alert').filter({ hasText: /\S/ })).toHaveCount(0)
    await expect(page.getByRole('status').filter({ hasText: /\S/ })).toHaveCount(0)
    await expect(
      page.getByRole('button', { name: WORDS.en.signOutOthers, exact: true }),
    ).toBeFocused()
    await expect(deviceList(page)).toHaveCount(2)
    expect(statuses('/api/auth/logout-others')).toEqual([401])
    expect(statuses('/api/auth/reauthenticate')).toEqual([])
    expect((await labApi.stats()).activeSessions).toBe(2)
  })

  test('a confirmation in one tab lets the other tab go on without asking', async ({
    page,
    context,
    request,
    labApi,
  }) => {
    await staleSignInWithAnotherDevice(page, request, labApi)
    const other = await context.newPage()
    await other.goto('/devices')
    await expect(deviceList(other)).toHaveCount(2)
    const statuses = recordAuthResponses(context)

    await signOutOthers(page)
    await expect(stepUpDialog(page)).toBeVisible()
    await signOutOthers(other)
    await expect(stepUpDialog(other)).toBeVisible()
    await confirmWith(page, DEMO.password)

    await expect(stepUpDialog(page)).toHaveCount(0)
    await expect(stepUpDialog(other)).toHaveCount(0)
    for (const tab of [page, other]) {
      await expect(tab.getByRole('status').filter({ hasText: /\S/ })).toHaveText(
        WORDS.en.othersDone,
      )
    }
    expect(statuses('/api/auth/reauthenticate')).toEqual([200])
    // Each tab's request is refused once and replayed once (the second replay finds nothing left).
    expect(statuses('/api/auth/logout-others')).toEqual([401, 401, 204, 204])
    expect(statuses('/api/auth/refresh')).toEqual([])
    expect((await labApi.stats()).activeSessions).toBe(1)
  })

  test('a wrong password keeps the dialog open and says so; the right one goes on', async ({
    page,
    context,
    request,
    labApi,
  }) => {
    await staleSignInWithAnotherDevice(page, request, labApi)
    const statuses = recordAuthResponses(context)

    await signOutOthers(page)
    await confirmWith(page, 'not-the-password-1')

    const dialog = stepUpDialog(page)
    await expect(dialog.getByRole('alert')).toHaveText(WORDS.en.wrongPassword)
    await expect(dialog).toBeVisible()
    expect(statuses('/api/auth/logout-others')).toEqual([401])

    await confirmWith(page, DEMO.password)
    await expect(page.getByRole('status').filter({ hasText: /\S/ })).toHaveText(WORDS.en.othersDone)
    await expect(dialog).toHaveCount(0)
    expect(statuses('/api/auth/reauthenticate')).toEqual([401, 200])
    expect(statuses('/api/auth/logout-others')).toEqual([401, 204])
  })

  test('a wrong password puts the focus back in the password field', async ({
    page,
    request,
    labApi,
  }) => {
    await staleSignInWithAnotherDevice(page, request, labApi)
    await signOutOthers(page)
    await confirmWith(page, 'not-the-password-1')

    const dialog = stepUpDialog(page)
    await expect(dialog.getByRole('alert')).toHaveText(WORDS.en.wrongPassword)
    await expect(dialog.getByLabel(WORDS.en.password, { exact: true })).toBeFocused()
  })
})

for (const [language, locale] of [
  ['en', 'en-US'],
  ['ko', 'ko-KR'],
] as const) {
  test.describe(`the step-up dialog in ${language}`, () => {
    test.use({ locale })

    test('has no accessibility violation in either colour scheme', async ({ page, labApi }) => {
      const words = WORDS[language]
      await longLivedTokens(labApi)
      await page.goto('/login')
      await page.getByLabel(words.username).fill(DEMO.username)
      await page.getByLabel(words.password, { exact: true }).fill(DEMO.password)
      await page.getByLabel(words.password, { exact: true }).press('Enter')
      await openDevices(page, words)
      await makeSignInsStale(labApi)

      await signOutOthers(page, words)
      await expect(stepUpDialog(page, words)).toBeVisible()
      for (const colorScheme of ['light', 'dark'] as const) {
        await page.emulateMedia({ colorScheme })
        const { violations } = await new AxeBuilder({ page }).analyze()
        expect(
          violations.map(
            ({ id, nodes }) => `${id}: ${nodes.map((node) => node.target).join(' | ')}`,
          ),
          colorScheme,
        ).toEqual([])
      }
    })
  })
}
