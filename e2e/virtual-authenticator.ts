import type { Page } from '@playwright/test'

/**
 * Chromium's virtual authenticator stands in for the device's passkey store: a platform
 * authenticator that keeps discoverable credentials and verifies the user at once. It serves
 * only `page`: other tabs of the context have none.
 */
export async function addVirtualAuthenticator(page: Page): Promise<void> {
  const cdp = await page.context().newCDPSession(page)
  await cdp.send('WebAuthn.enable')
  await cdp.send('WebAuthn.addVirtualAuthenticator', {
    options: {
      protocol: 'ctap2',
      transport: 'internal',
      hasResidentKey: true,
      hasUserVerification: true,
      isUserVerified: true,
      automaticPresenceSimulation: true,
    },
  })
}
