import AxeBuilder from '@axe-core/playwright'
import { STEP_UP_MAX_AGE_SEC } from '../contract/account'
import { DEMO, expect, signIn, test, type Page } from './fixtures'
import { ACCOUNT_EXISTS, KAKAO, NAVER } from './social-providers'

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

/** The words the linking flow is found by, in each language the app speaks. */
const LINKING_WORDS = {
  en: {
    locale: 'en-US',
    username: 'Username',
    password: 'Password',
    signIn: 'Sign in',
    signOut: 'Sign out',
    account: 'Account',
    linkedAccounts: 'Linked accounts',
    linkKakao: 'Link Kakao',
    stepUpTitle: "Confirm it's you",
    confirm: 'Confirm',
    kakaoLinked: 'Kakao is linked.',
    naverAccountExists: ACCOUNT_EXISTS(NAVER),
  },
  ko: {
    locale: 'ko-KR',
    username: '아이디',
    password: '비밀번호',
    signIn: '로그인',
    signOut: '로그아웃',
    account: '계정',
    linkedAccounts: '연결된 계정',
    linkKakao: '카카오 연결',
    stepUpTitle: '본인 확인',
    confirm: '확인',
    kakaoLinked: '카카오 계정을 연결했어요.',
    naverAccountExists:
      '이 이메일로 된 계정이 이미 있어요. 그 계정으로 로그인하면 네이버 계정이 연결돼요.',
  },
} as const

/** Every violation axe finds on the page as it is now, by rule and element. */
async function violations(page: Page) {
  const results = await new AxeBuilder({ page }).analyze()
  return results.violations.map(
    ({ id, nodes }) => `${id}: ${nodes.map((node) => node.target).join(' | ')}`,
  )
}

/** The mock provider's consent page, in either language: picks `account` and agrees. */
async function agreeAtProvider(page: Page, account: string) {
  await page.getByRole('radio', { name: new RegExp(account) }).check()
  await page.getByRole('button', { name: /Agree and continue|동의하고 계속하기/ }).click()
}

for (const [language, words] of Object.entries(LINKING_WORDS)) {
  test.describe(`linking a provider, in ${language}`, () => {
    test.use({ locale: words.locale, expectedConsoleErrors: [/status of 409/] })

    test('the account page, the step-up dialog and the linking messages have no violation', async ({
      page,
      labApi,
    }) => {
      // Four axe passes over whole pages: each takes seconds on a busy machine.
      test.setTimeout(120_000)
      await labApi.configure({ accessTokenTtlSec: 3600 })
      await page.goto('/login')
      await page.getByLabel(words.username).fill(DEMO.username)
      await page.getByLabel(words.password, { exact: true }).fill(DEMO.password)
      await page.getByRole('button', { name: words.signIn, exact: true }).click()
      await page.getByRole('link', { name: words.account, exact: true }).click()
      const linkedAccounts = page.getByRole('region', { name: words.linkedAccounts })
      await expect(linkedAccounts.getByRole('button', { name: words.linkKakao })).toBeVisible()
      expect(await violations(page), 'the account page').toEqual([])

      await labApi.configure({ serverClockSkewSec: STEP_UP_MAX_AGE_SEC + 60 })
      await linkedAccounts.getByRole('button', { name: words.linkKakao }).click()
      await agreeAtProvider(page, KAKAO.demo)
      const dialog = page.getByRole('dialog', { name: words.stepUpTitle })
      await expect(dialog).toBeVisible()
      expect(await violations(page), 'the step-up dialog').toEqual([])

      await dialog.getByLabel(words.password, { exact: true }).fill(DEMO.password)
      await dialog.getByRole('button', { name: words.confirm, exact: true }).click()
      await expect(page.getByText(words.kakaoLinked)).toHaveAttribute('role', 'status')
      expect(await violations(page), 'the account page saying Kakao is linked').toEqual([])

      await page.getByRole('button', { name: words.signOut }).first().click()
      await expect(page).toHaveURL(/\/login$/)
      await page.getByRole('button', { name: /NAVER|네이버/ }).click()
      await agreeAtProvider(page, NAVER.demo)
      await expect(page.getByText(words.naverAccountExists)).toHaveAttribute('role', 'status')
      expect(await violations(page), 'the sign-in page offering to link Naver').toEqual([])
    })
  })
}
