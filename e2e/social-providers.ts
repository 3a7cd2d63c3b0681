import { expect, type Page } from '@playwright/test'

/** The three mock providers as the sign-in flows meet them, whichever backend asks them. */

export interface ProviderCase {
  id: 'google' | 'kakao' | 'naver'
  name: string
  /** The sign-in button, worded as the provider's brand guide asks. */
  button: string
  /** The consent page's main heading (the browser asks for English). */
  heading: RegExp
  /** The provider account whose email is demo's: signing in with it offers to link demo. */
  demo: string
  /** A provider account new to Reel. */
  newPerson: string
}

export const GOOGLE: ProviderCase = {
  id: 'google',
  name: 'Google',
  button: 'Sign in with Google',
  heading: /^Sign in with Google$/,
  demo: 'Demo Viewer',
  newPerson: 'Jamie Rivera',
}
export const KAKAO: ProviderCase = {
  id: 'kakao',
  name: 'Kakao',
  button: 'Login with Kakao',
  heading: /^Sign in with Kakao Account$/,
  demo: '데모 시청자',
  newPerson: '김민준',
}
export const NAVER: ProviderCase = {
  id: 'naver',
  name: 'Naver',
  button: 'Log in with NAVER',
  heading: /^Sign in with NAVER ID$/,
  demo: '데모 시청자',
  newPerson: '이서연',
}

/** Naver's account whose email is alice's (Naver vouches for no email). */
export const NAVER_ALICE = '김앨리스'

export const ACCOUNT_EXISTS = (provider: ProviderCase) =>
  `An account with this email already exists. Sign in to it to link ${provider.name}.`

/** On the sign-in page a 409 account_exists led to: signs in to the existing account, linking. */
export async function signInToLink(
  page: Page,
  provider: ProviderCase,
  account: { username: string; password: string },
) {
  await expect(page).toHaveURL(/\/login$/)
  await expect(page.getByText(ACCOUNT_EXISTS(provider))).toHaveAttribute('role', 'status')
  await page.getByLabel('Username').fill(account.username)
  await page.getByLabel('Password').fill(account.password)
  await page.getByRole('button', { name: 'Sign in', exact: true }).click()
}

export async function openConsentPage(page: Page, provider: ProviderCase, from = '/login') {
  await page.goto(from)
  await page.getByRole('button', { name: provider.button }).click()
  await expect(page.getByRole('heading', { level: 1, name: provider.heading })).toBeVisible()
}

export async function agreeAs(page: Page, account: string) {
  await page.getByRole('radio', { name: new RegExp(account) }).check()
  await page.getByRole('button', { name: /Agree and continue/ }).click()
}

export async function expectSignedInWith(page: Page, provider: ProviderCase, displayName: string) {
  const header = page.getByRole('banner')
  await expect(header.getByText(displayName, { exact: true })).toBeVisible()
  await expect(header.getByLabel(`Signed in with ${provider.name}`)).toBeVisible()
}

/** The account page's "Linked accounts" section. */
export const linkedAccounts = (page: Page, name = 'Linked accounts') =>
  page.getByRole('region', { name })

/** The providers the account page lists as linked, by name. */
export const linkedProviderNames = (page: Page) =>
  linkedAccounts(page).getByRole('listitem').locator('.account-item-name').allTextContents()

/** From the account page, leaves for `provider` to link it, up to its consent page. */
export async function startLinkFromAccount(page: Page, provider: ProviderCase, button: string) {
  await linkedAccounts(page).getByRole('button', { name: button, exact: true }).click()
  await expect(page.getByRole('heading', { level: 1, name: provider.heading })).toBeVisible()
}
