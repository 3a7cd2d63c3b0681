import AxeBuilder from '@axe-core/playwright'
import { expect, signIn, test, type Page } from './fixtures'

async function openLab(page: Page) {
  await signIn(page)
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Lab' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Lab' })).toBeVisible()
  await expect(page).toHaveTitle('Lab · Reel')
}

/** Runs the burst experiment with `n` requests and returns its result table. */
async function runBurst(page: Page, n: number) {
  const burst = page.getByRole('article', { name: 'Burst on an expired token' })
  await burst.getByLabel('Requests (N)').fill(String(n))
  await burst.getByRole('button', { name: 'Run burst' }).click()
  const table = burst.getByRole('table', { name: `Burst of ${n} requests` })
  await expect(table).toBeVisible({ timeout: 15_000 })
  return table
}

/** The "this run" cell of a result row. */
const measured = (table: ReturnType<Page['getByRole']>, measure: string) =>
  table.getByRole('row').filter({ has: table.page().getByRole('rowheader', { name: measure }) })

test('a burst on an expired token shows one refresh and a replay for each request', async ({
  page,
  labApi,
}) => {
  // A slow refresh keeps it in flight until every 401 has arrived: each request waits for it.
  await labApi.configure({ refreshLatencyMs: 300 })
  await openLab(page)

  const table = await runBurst(page, 5)

  await expect(measured(table, 'Refresh calls').getByRole('cell').first()).toHaveText(/^1\b/)
  await expect(measured(table, 'Refused with 401').getByRole('cell').first()).toHaveText(/^5\b/)
  await expect(measured(table, 'Replays').getByRole('cell').first()).toHaveText(/^5\b/)
  await expect(measured(table, 'Failures').getByRole('cell').first()).toHaveText(/^0\b/)

  // The drawing: one refresh of this tab's own that five requests waited for, five replays.
  const timeline = page.getByRole('region', { name: 'Timeline' })
  await expect(
    timeline.getByRole('listitem', {
      name: /^This tab: refresh at .*, its own call, \d+ ms, 5 requests waited, 4 joined$/,
    }),
  ).toHaveCount(1)
  await expect(
    timeline.getByRole('listitem', { name: /lab-burst=.*→ 200, ok after a 401 and a replay/ }),
  ).toHaveCount(5)

  // The table view says the same.
  await timeline.getByText(/^Events as a table/).click()
  const rows = timeline.getByRole('region', { name: 'Event table' }).getByRole('row')
  await expect(rows.filter({ hasText: /Refresh call succeeded in \d+ ms/ })).toHaveCount(1)
  await expect(rows.filter({ hasText: 'Request replayed after the refresh' })).toHaveCount(5)
  await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible()
})

test('An expired token and a page that fires 20 requests at once: exactly one refresh call', async ({
  page,
  labApi,
}) => {
  await openLab(page)
  const before = await labApi.stats()

  const table = await runBurst(page, 20)

  await expect(measured(table, 'Replays').getByRole('cell').first()).toHaveText(/^20\b/)
  await expect(measured(table, 'Failures').getByRole('cell').first()).toHaveText(/^0\b/)
  const after = await labApi.stats()
  expect(after.refreshCalls - before.refreshCalls).toBe(1)
  expect(after.rejectedAccessTokens - before.rejectedAccessTokens).toBe(20)
  expect(after.reuseDetections).toBe(0)
})

test('a tampered token is refused with token_invalid, and the real one still works', async ({
  page,
}) => {
  await openLab(page)
  const inspector = page.getByRole('region', { name: 'JWT inspector' })
  await inspector.getByRole('button', { name: 'Show my access token' }).click()
  await expect(inspector.getByText('Signature valid (ES256).')).toBeVisible()
  await expect(inspector.getByRole('timer')).toHaveText(/^[45]:\d\d$/)

  const tamper = inspector.getByRole('region', { name: 'Tamper with it' })
  await tamper.getByLabel('Claim').selectOption('sub')
  await tamper.getByLabel('New value').fill('u_alice')
  await tamper.getByRole('button', { name: 'Send the forged token' }).click()
  await expect(tamper.getByText(/^Forged token: 401/)).toContainText('token_invalid')

  await tamper.getByLabel('Forgery').selectOption('alg-none')
  await tamper.getByRole('button', { name: 'Send the forged token' }).click()
  await expect(tamper.getByText(/^Forged token: 401/)).toContainText('token_invalid')

  await tamper.getByRole('button', { name: 'Send it unchanged' }).click()
  await expect(tamper.getByText(/^Unchanged token: 200/)).toBeVisible()

  await inspector.getByRole('button', { name: 'Hide the token' }).click()
  await expect(inspector.getByText('Signature valid (ES256).')).toHaveCount(0)
})

test('switching to HS256 and back keeps the user signed in', async ({ page, labApi }) => {
  await openLab(page)
  const backend = page.getByRole('region', { name: 'Backend' })
  const inspector = page.getByRole('region', { name: 'JWT inspector' })
  const call = inspector.getByRole('button', { name: 'Call /api/me as the app does' })
  const before = await labApi.stats()

  for (const alg of ['HS256', 'ES256'] as const) {
    await backend.getByRole('radio', { name: alg }).check()
    await expect(backend.getByRole('status')).toHaveText(`Signing with ${alg} applied.`)
    // The token in hand was signed the other way: refused, refreshed once, replayed.
    await call.click()
    await expect(inspector.getByText('GET /api/me → 200: refused at first')).toBeVisible()

    await inspector.getByRole('button', { name: /Show (my access token|the current one)/ }).click()
    const header = inspector.getByRole('table', { name: 'Header' })
    await expect(header.getByRole('row', { name: /alg/ })).toContainText(`"${alg}"`)
    await expect(
      inspector.getByText(
        alg === 'HS256' ? 'HS256: cannot be verified here.' : 'Signature valid (ES256).',
      ),
    ).toBeVisible()
    await inspector.getByRole('button', { name: 'Hide the token' }).click()
  }

  await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible()
  const after = await labApi.stats()
  expect(after.refreshCalls - before.refreshCalls).toBe(2)
  expect(after.reuseDetections).toBe(0)
  await page.getByRole('link', { name: 'Movies', exact: true }).click()
  await expect(page.getByText('Parasite').first()).toBeVisible()
})

for (const scheme of ['light', 'dark'] as const) {
  test(`the lab has no serious accessibility violation (${scheme})`, async ({ page }) => {
    await page.emulateMedia({ colorScheme: scheme })
    await openLab(page)
    await runBurst(page, 3)
    await page.getByRole('button', { name: 'Show my access token' }).click()
    await page.getByText(/^Events as a table/).click()
    await expect(page.getByText('Signature valid (ES256).')).toBeVisible()

    const results = await new AxeBuilder({ page }).analyze()
    const serious = results.violations
      .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
      .map(
        (violation) => `${violation.id}: ${violation.nodes.map((node) => node.target).join(' | ')}`,
      )
    expect(serious).toEqual([])
  })
}
