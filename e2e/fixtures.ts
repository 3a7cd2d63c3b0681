import { test as base, expect, type APIRequestContext, type Page } from '@playwright/test'

export const DEMO = { username: 'demo', password: 'demo-password-1' } as const

/** The mock backend's lab, for resetting state and reading counters between steps. */
export function lab(request: APIRequestContext) {
  return {
    async reset(): Promise<void> {
      expect((await request.post('/api/__lab/reset')).status()).toBe(204)
    },
    async configure(patch: Record<string, unknown>): Promise<void> {
      expect((await request.patch('/api/__lab/config', { data: patch })).ok()).toBe(true)
    },
    async stats(): Promise<Record<string, number>> {
      return (await request.get('/api/__lab/stats')).json()
    },
  }
}

export async function signIn(page: Page, account: { username: string; password: string } = DEMO) {
  await page.goto('/login')
  await page.getByLabel('Username').fill(account.username)
  await page.getByLabel('Password').fill(account.password)
  await page.getByRole('button', { name: 'Sign in' }).click()
}

/** Every test starts from the seed data with default lifetimes. */
export const test = base.extend<{ labApi: ReturnType<typeof lab> }>({
  labApi: async ({ request }, use) => {
    const api = lab(request)
    await api.reset()
    await use(api)
  },
})

export { expect }
