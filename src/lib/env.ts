import * as z from 'zod/mini'

/** Where `/api` is served from; set by the build (see vite.config.ts). */
export const mockMode = z
  .enum(['http', 'worker', 'off'])
  .parse(import.meta.env.VITE_MOCK_MODE ?? 'http')

/** Mock backends are for learning: only there does the UI show demo accounts and the lab. */
export const isMockBackend = mockMode !== 'off'

/** Whether tabs share one refresh (Web Lock + BroadcastChannel); off only for the tab benchmark. */
export const crossTab = z.enum(['on', 'off']).parse(import.meta.env.VITE_CROSS_TAB ?? 'on') === 'on'
