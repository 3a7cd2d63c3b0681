import * as z from 'zod/mini'

const instant = z.iso.datetime({ offset: true })

/** One signed-in device, as `GET /api/auth/sessions` lists it (newest first). */
export const deviceSessionSchema = z.object({
  id: z.string(),
  createdAt: instant,
  lastUsedAt: instant,
  /** The session's absolute end (v1.1); a v1 backend does not say. */
  expiresAt: z.optional(instant),
  userAgent: z.string(),
  // Kept open: a provider added on the server later should show, not break the page.
  provider: z.string(),
  current: z.boolean(),
})

export type DeviceSession = z.infer<typeof deviceSessionSchema>

export const deviceSessionListSchema = z.array(deviceSessionSchema)
