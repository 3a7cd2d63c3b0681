import type { BrowserContext } from '@playwright/test'
import { expect } from './fixtures'

/**
 * Opens three tabs of the signed-in context at once and answers the statuses of the refreshes
 * they make between them, once each shows the session's device list.
 */
export async function refreshesOfThreeNewTabs(context: BrowserContext): Promise<number[]> {
  const refreshStatuses: number[] = []
  context.on('response', (response) => {
    if (new URL(response.url()).pathname === '/api/auth/refresh') {
      refreshStatuses.push(response.status())
    }
  })
  const tabs = await Promise.all([context.newPage(), context.newPage(), context.newPage()])
  // "At once": no refresh is answered before every tab's app runs and listens to the others (its
  // modules have run by DOMContentLoaded). A tab started after the token was shared could not
  // hear it and would refresh on its own, with the rotated cookie; a slow machine does that.
  const allListening = Promise.all(tabs.map((tab) => tab.waitForEvent('domcontentloaded')))
  await context.route('**/api/auth/refresh', async (route) => {
    await allListening
    await route.continue()
  })
  await Promise.all(tabs.map((tab) => tab.goto('/devices')))
  // One session, shown in every tab as this device.
  for (const tab of tabs) {
    const devices = tab.getByRole('list', { name: 'Devices' })
    await expect(devices.getByRole('listitem')).toHaveCount(1)
    await expect(devices.getByText('This device')).toBeVisible()
  }
  await context.unroute('**/api/auth/refresh')
  await Promise.all(tabs.map((tab) => tab.close()))
  return refreshStatuses
}
