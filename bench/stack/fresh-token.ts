import { refreshLeadMs } from '../../src/auth'
import { createBrowserClient, type Reply } from './client'
import { tokenLifetimeSchema } from './population'

/** An access token a load carries, kept valid while the load runs. */
export interface FreshToken {
  authorization(): Record<string, string>
  stop(): void
}

const lifetimeOf = (reply: Reply | null): number | null => {
  const tokens = tokenLifetimeSchema.safeParse(reply?.body)
  return reply?.status === 200 && tokens.success ? tokens.data.expiresIn * 1000 : null
}

/**
 * One signed-in browser whose access token stays valid for as long as a load runs: it refreshes
 * ahead of expiry, as the SPA does, so a load longer than the stack's token lifetime (5 s when a
 * population shares the stack) measures answers, not `401 token_expired`. Its refreshes, one
 * per lifetime, are not counted in the load; one that fails shows in the load's errors instead.
 */
export async function freshToken(
  origin: string,
  ca: string,
  username: string,
  password: string,
): Promise<FreshToken> {
  const client = createBrowserClient(origin, ca)
  let timer: ReturnType<typeof setTimeout> | undefined
  const refreshAhead = (lifetimeMs: number) => {
    timer = setTimeout(
      async () => {
        const next = lifetimeOf(await client.refresh().catch(() => null))
        if (next !== null) refreshAhead(next)
      },
      lifetimeMs - refreshLeadMs(lifetimeMs),
    )
  }
  const reply = await client.signIn(username, password)
  const lifetimeMs = lifetimeOf(reply)
  if (lifetimeMs === null) {
    client.close()
    throw new Error(`sign-in at ${origin} answered ${reply.status}`)
  }
  refreshAhead(lifetimeMs)
  return {
    authorization: () => ({ Authorization: `Bearer ${client.accessToken ?? ''}` }),
    stop() {
      clearTimeout(timer)
      client.close()
    },
  }
}
