import { expect, test, watchCsp } from './fixtures'

// The CSP fixture fails a test on any violation; here it must see one, in a context of the
// test's own, so that the violation provoked on purpose fails nothing but this check.
for (const [kind, inject] of [
  [
    'an inline script',
    () => {
      const script = document.createElement('script')
      script.textContent = 'document.body.dataset.injected = "ran"'
      document.body.append(script)
    },
  ],
  [
    'an inline style',
    () => {
      const style = document.createElement('style')
      style.textContent = 'body { outline: 1px solid red }'
      document.head.append(style)
    },
  ],
] as const) {
  test(`the CSP watch reports ${kind} that the policy refused`, async ({ browser, baseURL }) => {
    const context = await browser.newContext({ baseURL: baseURL ?? '' })
    const found: string[] = []
    await watchCsp(context, found)
    const page = await context.newPage()
    await page.goto('/login')
    await expect(page.getByRole('button', { name: 'Sign in', exact: true })).toBeVisible()
    expect(found).toEqual([])

    await page.evaluate(inject)
    await expect.poll(() => found.join('\n')).toMatch(/violation: (script|style)-src-elem refused/)
    expect(await page.evaluate(() => document.body.dataset.injected)).toBeUndefined()
    await context.close()
  })
}
