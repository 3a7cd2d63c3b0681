import * as z from 'zod/mini'

const DAY = 24 * 60 * 60

/**
 * The `code` of a lab write a host refused because its lab is locked (v1.2: a public demo's
 * lab is read-only to strangers). Reads still work.
 */
export const LAB_LOCKED = 'lab_locked'

/** The lab's numeric settings, in the order the lab shows them. */
export const LAB_NUMBER_SETTINGS = [
  'accessTokenTtlSec',
  'refreshTokenTtlSec',
  'refreshIdleTtlSec',
  'refreshReuseGraceSec',
  'latencyMs',
  'refreshLatencyMs',
  'serverClockSkewSec',
] as const

export type LabNumberSetting = (typeof LAB_NUMBER_SETTINGS)[number]

/**
 * The bounds the mock accepts for each numeric setting: the server refuses anything outside
 * them, and the lab's inputs take their limits from here.
 */
export const LAB_NUMBER_BOUNDS = {
  accessTokenTtlSec: { min: 1, max: DAY, unit: 's' },
  refreshTokenTtlSec: { min: 1, max: 365 * DAY, unit: 's' },
  refreshIdleTtlSec: { min: 1, max: 365 * DAY, unit: 's' },
  refreshReuseGraceSec: { min: 0, max: 600, unit: 's' },
  latencyMs: { min: 0, max: 60_000, unit: 'ms' },
  refreshLatencyMs: { min: 0, max: 60_000, unit: 'ms' },
  serverClockSkewSec: { min: -DAY, max: DAY, unit: 's' },
} as const satisfies Record<LabNumberSetting, { min: number; max: number; unit: 's' | 'ms' }>

export const REFRESH_FAILURES = ['none', 'unauthorized', 'server_error', 'network'] as const
export const SIGNING_ALGS = ['ES256', 'HS256'] as const

const bounded = (setting: LabNumberSetting) =>
  z
    .int()
    .check(z.minimum(LAB_NUMBER_BOUNDS[setting].min), z.maximum(LAB_NUMBER_BOUNDS[setting].max))

const labConfigShape = {
  accessTokenTtlSec: bounded('accessTokenTtlSec'),
  refreshTokenTtlSec: bounded('refreshTokenTtlSec'),
  refreshIdleTtlSec: bounded('refreshIdleTtlSec'),
  refreshReuseGraceSec: bounded('refreshReuseGraceSec'),
  latencyMs: bounded('latencyMs'),
  refreshLatencyMs: bounded('refreshLatencyMs'),
  refreshFailure: z.enum(REFRESH_FAILURES),
  serverClockSkewSec: bounded('serverClockSkewSec'),
  signingAlg: z.enum(SIGNING_ALGS),
}

/** `GET /api/__lab/config`, and the answer of every PATCH: the whole config. */
export const labConfigSchema = z.object(labConfigShape)

export type LabConfig = z.infer<typeof labConfigSchema>

/** `PATCH /api/__lab/config`: any subset of the fields, nothing else. */
export const labConfigPatchSchema = z.partial(z.strictObject(labConfigShape))

export type LabConfigPatch = z.infer<typeof labConfigPatchSchema>

/** What `POST /api/__lab/reset` restores. */
export const defaultLabConfig: Readonly<LabConfig> = Object.freeze({
  accessTokenTtlSec: 300,
  refreshTokenTtlSec: 14 * DAY,
  refreshIdleTtlSec: 3 * DAY,
  refreshReuseGraceSec: 0,
  latencyMs: 0,
  refreshLatencyMs: 0,
  refreshFailure: 'none',
  serverClockSkewSec: 0,
  signingAlg: 'ES256',
})

const count = z.int().check(z.minimum(0))

/** `GET /api/__lab/stats`: counters since the last reset. */
export const labStatsSchema = z.object({
  loginCalls: count,
  refreshCalls: count,
  refreshSucceeded: count,
  reuseDetections: count,
  rejectedAccessTokens: count,
  activeSessions: count,
})

export type LabStats = z.infer<typeof labStatsSchema>
