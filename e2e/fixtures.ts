import {
  test as base,
  expect,
  type APIRequestContext,
  type BrowserContext,
  type Page,
} from '@playwright/test'

export const DEMO = { username: 'demo', password: 'demo-password-1' } as const

export interface LabStats {
  loginCalls: number
  refreshCalls: number
  refreshSucceeded: number
  reuseDetections: number
  rejectedAccessTokens: number
  activeSessions: number
}

// Unsafe lab requests pass the API's CSRF check as the SPA's own do.
const XHR = { 'X-Requested-With': 'XMLHttpRequest' }

/** The mock backend's lab, for resetting state, bending it, and reading its counters. */
export function lab(request: APIRequestContext) {
  return {
    async reset(): Promise<void> {
      expect((await request.post('/api/__lab/reset', { headers: XHR })).status()).toBe(204)
    },
    async configure(patch: Record<string, unknown>): Promise<void> {
      // `data` as an object is sent as JSON with `Content-Type: application/json`.
      const response = await request.patch('/api/__lab/config', { data: patch, headers: XHR })
      expect(response.ok(), await response.text()).toBe(true)
    },
    async stats(): Promise<LabStats> {
      return (await request.get('/api/__lab/stats')).json()
    },
    /** Moves the server clock past every access token issued so far. */
    async expireAccessTokens(): Promise<void> {
      const config = await (await request.get('/api/__lab/config')).json()
      await this.configure({
        serverClockSkewSec: config.serverClockSkewSec + config.accessTokenTtlSec + 60,
      })
    },
  }
}

export type Lab = ReturnType<typeof lab>

export async function signIn(page: Page, account: { username: string; password: string } = DEMO) {
  await page.goto('/login')
  await page.getByLabel('Username').fill(account.username)
  await page.getByLabel('Password').fill(account.password)
  await page.getByRole('button', { name: 'Sign in', exact: true }).click()
  await expect(page.getByRole('button', { name: 'Sign out' }).first()).toBeVisible()
}

/**
 * Chromium's virtual authenticator stands in for the device's passkey store: a platform
 * authenticator that keeps discoverable credentials and verifies the user. It answers every
 * ceremony at once, unless `present` is false: then ceremonies wait until `setPresent(true)`, as
 * they would for a person who has not yet touched the sensor.
 */
export async function addVirtualAuthenticator(page: Page, { present = true } = {}) {
  const cdp = await page.context().newCDPSession(page)
  await cdp.send('WebAuthn.enable')
  const { authenticatorId } = await cdp.send('WebAuthn.addVirtualAuthenticator', {
    options: {
      protocol: 'ctap2',
      transport: 'internal',
      hasResidentKey: true,
      hasUserVerification: true,
      isUserVerified: true,
      automaticPresenceSimulation: present,
    },
  })
  return {
    setPresent: (enabled: boolean) =>
      cdp.send('WebAuthn.setAutomaticPresenceSimulation', { authenticatorId, enabled }),
  }
}

// The browser reports every non-2xx response as a console error. A 401 from the refresh call
// is how a visitor without a session is recognised, so that one is expected; nothing else is.
const EXPECTED_CONSOLE = /Failed to load resource: the server responded with a status of 401/

/** Every page a test opens must log no error and throw nothing, but for what it expects. */
function watchConsole(page: Page, problems: string[], expected: RegExp[]) {
  page.on('console', (message) => {
    const text = message.text()
    if (
      message.type() === 'error' &&
      ![EXPECTED_CONSOLE, ...expected].some((re) => re.test(text))
    ) {
      problems.push(`console: ${message.text()}`)
    }
  })
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`))
}

/** Chromium's console line for a refused script, style, connection or frame. */
const CSP_CONSOLE = /Content Security Policy/i

/**
 * Collects every Content-Security-Policy violation in `context`'s pages into `found`: each page
 * reports its `securitypolicyviolation` events as they happen (so a later navigation loses
 * none), and the console's CSP lines cover what the page cannot see.
 */
export async function watchCsp(context: BrowserContext, found: string[]): Promise<void> {
  await context.exposeFunction('reelReportCspViolation', (violation: string) =>
    found.push(`violation: ${violation}`),
  )
  await context.addInitScript(() => {
    const report = (window as unknown as { reelReportCspViolation: (text: string) => void })
      .reelReportCspViolation
    addEventListener('securitypolicyviolation', (event) =>
      report(
        `${event.effectiveDirective} refused ${event.blockedURI || 'an inline source'} ` +
          `in ${event.documentURI} (${event.sourceFile || 'the document'}:${event.lineNumber})`,
      ),
    )
  })
  const watch = (page: Page) =>
    page.on('console', (message) => {
      if (CSP_CONSOLE.test(message.text())) found.push(`console: ${message.text()}`)
    })
  context.pages().forEach(watch)
  context.on('page', watch)
}

export const test = base.extend<{
  labApi: Lab
  consoleProblems: string[]
  /** Content-Security-Policy violations: any is a failure, as the app must run under its policy. */
  cspViolations: string[]
  /** Console errors a test provokes on purpose (a failing backend, say). */
  expectedConsoleErrors: RegExp[]
}>({
  expectedConsoleErrors: [[], { option: true }],
  // Every test that bends the lab starts from the seed data with default lifetimes, and leaves it
  // so: a test that changed a password or tripped the throttle must not fail the next test,
  // which may not ask for the lab at all.
  labApi: async ({ request }, use) => {
    const api = lab(request)
    await api.reset()
    await use(api)
    await api.reset()
  },
  consoleProblems: [
    async ({ context, expectedConsoleErrors }, use) => {
      const problems: string[] = []
      for (const page of context.pages()) watchConsole(page, problems, expectedConsoleErrors)
      context.on('page', (page) => watchConsole(page, problems, expectedConsoleErrors))
      await use(problems)
      expect(problems, 'console errors').toEqual([])
    },
    { auto: true },
  ],
  cspViolations: [
    async ({ context }, use) => {
      const found: string[] = []
      await watchCsp(context, found)
      await use(found)
      expect(found, 'Content-Security-Policy violations').toEqual([])
    },
    { auto: true },
  ],
})

export { expect }
export type { Page } from '@playwright/test'
