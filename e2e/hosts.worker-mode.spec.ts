import { contentSecurityPolicy } from '../server/security-headers'
import { expect, test } from './fixtures'

// The worker-mode build on the production server: no API here, the page runs the mocks.

test('the worker-mode build serves its mock service worker and no API', async ({ request }) => {
  const worker = await request.get('/mockServiceWorker.js')
  expect(worker.status()).toBe(200)
  expect(worker.headers()['content-type']).toContain('javascript')
  // A navigation under /api/ is the page's to draw (a mock provider's consent page).
  const document = await request.get('/api/oauth/google/authorize')
  expect(await document.text()).toContain('<div id="root">')
})

test('only documents under /api/ may use the consent page style sheet', async ({ request }) => {
  const app = (await request.get('/login')).headers()['content-security-policy']
  expect(app).toBe(contentSecurityPolicy({ mode: 'production' }))
  const consent = (await request.get('/api/oauth/google/authorize')).headers()[
    'content-security-policy'
  ]
  expect(consent).toMatch(/style-src 'self' 'sha256-[A-Za-z0-9+/]+=*';/)
})
