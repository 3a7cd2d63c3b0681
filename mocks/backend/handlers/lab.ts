import { http } from 'msw'
import { db, isSessionActive, resetDb } from '../db.ts'
import { csrfRefusal, json, noContent, parseJsonBody } from '../http-helpers.ts'
import { isLabLockedFor } from '../lab-lock.ts'
import { problem } from '../problem.ts'
import { LAB_LOCKED, labConfigPatchSchema } from '../../../contract/lab.ts'

const LAB_READS = new Set(['GET', 'HEAD'])

export const labHandlers = [
  // The lab bends the whole server: a stranger to a public demo may watch it but not change it,
  // and a cross-site form must not reach it any more than sign-in.
  http.all('/api/__lab/*', async ({ request }) => {
    if (isLabLockedFor(request) && !LAB_READS.has(request.method)) {
      return problem(403, LAB_LOCKED, 'The lab of this demo is read-only.', {
        detail:
          'Only a client on the host itself may change it; the host sets REEL_LAB=open to allow anyone.',
      })
    }
    return (await csrfRefusal(request)) ?? undefined
  }),

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
