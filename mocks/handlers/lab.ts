import { http } from 'msw'
import { db, isSessionActive, resetDb } from '../db.ts'
import { csrfRefusal, json, noContent, parseJsonBody } from '../http-helpers.ts'
import { labConfigPatchSchema } from '../../contract/lab.ts'

export const labHandlers = [
  // The lab bends the whole server: a cross-site form must not reach it any more than sign-in.
  http.all('/api/__lab/*', async ({ request }) => (await csrfRefusal(request)) ?? undefined),

  http.get('/api/__lab/config', () => json(db.config)),

  http.patch('/api/__lab/config', async ({ request }) => {
    const parsed = await parseJsonBody(request, labConfigPatchSchema)
    if (!parsed.ok) return parsed.response
    // zod's partial() output may carry explicit undefined values; keep only what was sent.
    for (const [key, value] of Object.entries(parsed.data)) {
      if (value !== undefined) Object.assign(db.config, { [key]: value })
    }
    return json(db.config)
  }),

  http.get('/api/__lab/stats', () => {
    let activeSessions = 0
    for (const session of db.sessions.values()) if (isSessionActive(session)) activeSessions++
    return json({ ...db.stats, activeSessions })
  }),

  http.post('/api/__lab/reset', () => {
    resetDb()
    return noContent()
  }),
]
