import AxeBuilder from '@axe-core/playwright'
import { DEMO, expect, test, type Page } from './fixtures'

async function seriousViolations(page: Page) {
  const results = await new AxeBuilder({ page }).analyze()
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => violation.id)
}

test.describe('in a Korean browser', () => {
  test.use({ locale: 'ko-KR' })

  test('the main flows speak Korean, set <html lang="ko"> and pass axe', async ({ page }) => {
    // Four axe passes over whole pages: each takes seconds on a busy machine.
    test.setTimeout(90_000)
    await page.goto('/login')
    await expect(page.getByRole('heading', { name: 'Reel 로그인' })).toBeVisible()
    await expect(page.locator('html')).toHaveAttribute('lang', 'ko')
    await expect(page.getByRole('checkbox', { name: '로그인 상태 유지' })).toBeChecked()
    expect(await seriousViolations(page)).toEqual([])

    await page.getByLabel('아이디').fill(DEMO.username)
    await page.getByLabel('비밀번호').fill('wrong-password-1')
    await page.getByRole('button', { name: '로그인', exact: true }).click()
    await expect(page.getByRole('alert').filter({ hasText: /\S/ })).toHaveText(
      '아이디 또는 비밀번호가 맞지 않아요.',
    )
    await page.getByLabel('비밀번호').fill(DEMO.password)
    await page.getByRole('button', { name: '로그인', exact: true }).click()

    await expect(page.getByRole('heading', { level: 1, name: '영화' })).toBeVisible()
    await expect(page).toHaveTitle('영화 · Reel')
    expect(await seriousViolations(page)).toEqual([])

    const nav = page.getByRole('navigation', { name: '주 메뉴' })
    await nav.getByRole('link', { name: '보고 싶은 영화' }).click()
    await expect(page.getByRole('heading', { level: 1, name: '보고 싶은 영화' })).toBeVisible()
    expect(await seriousViolations(page)).toEqual([])

    await nav.getByRole('link', { name: '내 기기' }).click()
    await expect(page.getByRole('heading', { level: 1, name: '로그인된 기기' })).toBeVisible()
    await expect(page.getByText('이 기기', { exact: true })).toBeVisible()
    await expect(page.getByRole('button', { name: '다른 기기에서 로그아웃' })).toBeVisible()
    expect(await seriousViolations(page)).toEqual([])

    await page.getByRole('banner').getByRole('button', { name: '로그아웃' }).click()
    await expect(page.getByRole('heading', { name: 'Reel 로그인' })).toBeVisible()
  })

  test('the Language select switches to English and the choice outlives a reload', async ({
    page,
  }) => {
    await page.goto('/login')
    await page.getByLabel('언어').selectOption({ label: 'English' })
    await expect(page.getByRole('heading', { name: 'Sign in to Reel' })).toBeVisible()
    await expect(page.locator('html')).toHaveAttribute('lang', 'en')
    await page.reload()
    await expect(page.getByRole('heading', { name: 'Sign in to Reel' })).toBeVisible()
  })
})
