import { readFileSync } from 'node:fs'
import { z } from 'zod'

/**
 * What a running stack tells its tests (`--state-file`): where it listens, the certificate to
 * trust, and what a fault test needs to break it (scripts/stack/faults.ts): the processes to
 * signal and the database cluster to stop and start again.
 */
export const stackStateSchema = z.object({
  url: z.url(),
  /** Each Django instance directly, past nginx. */
  instances: z.array(z.url()).length(2),
  /** The gunicorn master of each instance, in the order of `instances`. */
  gunicornPids: z.array(z.number().int().positive()).length(2),
  nginx: z.object({ pid: z.number().int().positive(), configFile: z.string() }),
  certificate: z.string(),
  providersUrl: z.url(),
  cluster: z.object({
    dataDir: z.string(),
    socketDir: z.string(),
    port: z.number().int(),
    databaseUrl: z.string(),
    pgCtl: z.array(z.string()).min(1),
  }),
})
export type StackState = z.infer<typeof stackStateSchema>

/** The state of the stack the tests run against, from the file `REEL_STACK_STATE` names. */
export function readStackState(): StackState {
  const file = process.env['REEL_STACK_STATE']
  if (!file) throw new Error('REEL_STACK_STATE is not set: run these tests with npm run test:stack')
  return stackStateSchema.parse(JSON.parse(readFileSync(file, 'utf8')))
}
