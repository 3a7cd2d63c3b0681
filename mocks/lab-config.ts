import { z } from 'zod'

/** How the mock server behaves; every field can be changed at run time through the lab. */
export interface LabConfig {
  accessTokenTtlSec: number
  refreshTokenTtlSec: number
  refreshIdleTtlSec: number
  refreshReuseGraceSec: number
  latencyMs: number
  refreshLatencyMs: number
  refreshFailure: 'none' | 'unauthorized' | 'server_error' | 'network'
  serverClockSkewSec: number
  signingAlg: 'ES256' | 'HS256'
}

const DAY = 24 * 60 * 60

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

const seconds = (max: number) => z.number().int().min(0).max(max)
const millis = z.number().int().min(0).max(60_000)

/** A PATCH body: any subset of the fields, nothing else. */
export const labConfigPatchSchema = z
  .object({
    accessTokenTtlSec: seconds(DAY).min(1),
    refreshTokenTtlSec: seconds(365 * DAY).min(1),
    refreshIdleTtlSec: seconds(365 * DAY).min(1),
    refreshReuseGraceSec: seconds(600),
    latencyMs: millis,
    refreshLatencyMs: millis,
    refreshFailure: z.enum(['none', 'unauthorized', 'server_error', 'network']),
    serverClockSkewSec: z.number().int().min(-DAY).max(DAY),
    signingAlg: z.enum(['ES256', 'HS256']),
  })
  .partial()
  .strict()
