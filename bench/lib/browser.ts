import { chromium, type Browser, type BrowserContext, type Page } from '@playwright/test'
import { launchOptions } from '../../playwright.config'
import { DEMO } from '../peers/common'

/** Chromium as the e2e tests start it: Playwright's own, or the system's when that is absent. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({ ...launchOptions(), headless: true })
}

/** Signs in through the form, as a person would, and waits for the signed-in page. */
export async function signInThroughForm(page: Page, origin: string): Promise<void> {
  await page.goto(`${origin}/login`)
  await page.getByLabel('Username').fill(DEMO.username)
  await page.getByLabel('Password').fill(DEMO.password)
  await page.getByRole('button', { name: 'Sign in', exact: true }).click()
  await page.waitForURL((url) => url.pathname === '/movies')
}

/**
 * Signs in with the context's own request client, which shares the context's cookies: the
 * refresh cookie lands where the tabs will find it, without a page load.
 */
export async function signInThroughApi(context: BrowserContext, origin: string): Promise<void> {
  const response = await context.request.post(`${origin}/api/auth/login`, {
    data: DEMO,
    headers: { 'X-Requested-With': 'XMLHttpRequest' },
  })
  if (!response.ok()) throw new Error(`sign-in failed: ${response.status()}`)
}

/**
 * A path the app does not route: its not-found page renders at once, without waiting for the
 * session, and links to Movies. Tabs idle here until the benchmark clicks that link.
 */
export const IDLE_PATH = '/bench-idle'
