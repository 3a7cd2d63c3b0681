import { beforeEach, describe, expect, it } from 'vitest'
import { db, resetDb } from './db.ts'
import { issueLinkToken, linkWithToken } from './link-tokens.ts'
import { LINK_TOKEN_TTL_SEC, MAX_LINK_TOKENS } from './oauth-stores.ts'
import type { ProviderIdentity } from './provider-client.ts'

const identity: ProviderIdentity = {
  provider: 'naver',
  subject: 'nv_someone',
  name: 'Someone',
  email: 'alice@reel.example',
  emailVerified: false,
}

function alice() {
  const user = db.users.get('u_alice')
  if (!user) throw new Error('alice missing')
  return user
}

beforeEach(() => {
  resetDb()
})

describe('link tokens', () => {
  it('keeps only their hashes', async () => {
    const token = await issueLinkToken(alice(), identity)
    expect([...db.linkTokens.keys()]).not.toContain(token)
    expect(JSON.stringify([...db.linkTokens.values()])).not.toContain(token)
  })

  it('never holds more than the limit: the oldest give way, and the newest still work', async () => {
    const first = await issueLinkToken(alice(), identity)
    let last = first
    for (let index = 0; index < MAX_LINK_TOKENS; index++) {
      last = await issueLinkToken(alice(), identity)
    }

    expect(db.linkTokens.size).toBe(MAX_LINK_TOKENS)
    expect(await linkWithToken(first, alice())).toBe(false)
    expect(await linkWithToken(last, alice())).toBe(true)
  })

  it('sweeps the expired ones when a new one is made', async () => {
    await issueLinkToken(alice(), identity)
    db.config.serverClockSkewSec = LINK_TOKEN_TTL_SEC
    await issueLinkToken(alice(), identity)
    expect(db.linkTokens.size).toBe(1)
  })
})
