import { describe, expect, it } from 'vitest'
import {
  ALICE,
  call,
  DEMO,
  expectJson,
  expectNoContent,
  expectProblem,
  expectRefreshFailure,
  getStats,
  login,
  postRefresh,
  refresh,
  sessionSchema,
  setServerClock,
  useMockServer,
  type SignedIn,
  mockOnly,
} from './client.ts'

useMockServer()

async function listSessions(signedIn: SignedIn) {
  return expectJson(
    await call('/api/auth/sessions', { token: signedIn.accessToken }),
    200,
    sessionSchema.array(),
  )
}

function deleteSession(signedIn: SignedIn, id: string): Promise<Response> {
  return call(`/api/auth/sessions/${encodeURIComponent(id)}`, {
    method: 'DELETE',
    token: signedIn.accessToken,
  })
}

/** Signs in several times, one server-clock second apart, so creation times are distinct. */
async function signInSeveralTimes(userAgents: string[]): Promise<SignedIn[]> {
  const signedIn: SignedIn[] = []
  for (const [index, userAgent] of userAgents.entries()) {
    await setServerClock(index)
    signedIn.push(await login(DEMO, { headers: { 'User-Agent': userAgent } }))
  }
  return signedIn
}

describe('GET /api/auth/sessions', () => {
  mockOnly('lab').it(
    'lists the caller’s sessions newest first with the contract fields',
    async () => {
      const [first, second, third] = await signInSeveralTimes(['Agent/1', 'Agent/2', 'Agent/3'])
      if (!first || !second || !third) throw new Error('sign-ins missing')

      const sessions = await listSessions(first)

      expect(sessions.map((session) => session.id)).toEqual([
        third.sessionId,
        second.sessionId,
        first.sessionId,
      ])
      expect(sessions.map((session) => session.userAgent)).toEqual([
        'Agent/3',
        'Agent/2',
        'Agent/1',
      ])
      for (const session of sessions) {
        expect(session.provider).toBe('password')
        expect(Number.isNaN(Date.parse(session.createdAt))).toBe(false)
        expect(Date.parse(session.lastUsedAt)).toBeGreaterThanOrEqual(Date.parse(session.createdAt))
      }
    },
  )

  mockOnly('lab').it('marks only the session of the calling access token as current', async () => {
    const [first, second] = await signInSeveralTimes(['Agent/1', 'Agent/2'])
    if (!first || !second) throw new Error('sign-ins missing')

    const fromFirst = await listSessions(first)
    const fromSecond = await listSessions(second)

    expect(fromFirst.filter((session) => session.current).map((session) => session.id)).toEqual([
      first.sessionId,
    ])
    expect(fromSecond.filter((session) => session.current).map((session) => session.id)).toEqual([
      second.sessionId,
    ])
  })

  mockOnly('lab').it(
    'keeps the same session id across refreshes and updates lastUsedAt',
    async () => {
      const signedIn = await login()
      await setServerClock(120)
      const refreshed = await refresh(signedIn.refreshToken)

      const [session] = await listSessions(refreshed)
      expect(session?.id).toBe(signedIn.sessionId)
      expect(session?.current).toBe(true)
      expect(Date.parse(session?.lastUsedAt ?? '')).toBeGreaterThan(
        Date.parse(session?.createdAt ?? '') + 100_000,
      )
    },
  )

  it('does not list other users’ sessions', async () => {
    const demo = await login()
    await login(ALICE)

    const sessions = await listSessions(demo)
    expect(sessions.map((session) => session.id)).toEqual([demo.sessionId])
  })

  mockOnly('lab').it('does not list revoked sessions', async () => {
    const [first, second] = await signInSeveralTimes(['Agent/1', 'Agent/2'])
    if (!first || !second) throw new Error('sign-ins missing')
    await expectNoContent(
      await call('/api/auth/logout', { method: 'POST', refreshToken: second.refreshToken }),
    )

    const sessions = await listSessions(first)
    expect(sessions.map((session) => session.id)).toEqual([first.sessionId])
  })
})

describe('DELETE /api/auth/sessions/:id', () => {
  mockOnly('lab').it(
    'revokes another session of the caller, whose refresh then answers session_revoked',
    async () => {
      const [laptop, phone] = await signInSeveralTimes(['Laptop', 'Phone'])
      if (!laptop || !phone) throw new Error('sign-ins missing')

      await expectNoContent(await deleteSession(laptop, phone.sessionId))

      await expectRefreshFailure(await postRefresh(phone.refreshToken), 'session_revoked')
      expect((await listSessions(laptop)).map((session) => session.id)).toEqual([laptop.sessionId])
      await refresh(laptop.refreshToken)
    },
  )

  it('revokes the caller’s own current session', async () => {
    const signedIn = await login()
    await expectNoContent(await deleteSession(signedIn, signedIn.sessionId))
    await expectRefreshFailure(await postRefresh(signedIn.refreshToken), 'session_revoked')
  })

  it('answers 404 not_found for another user’s session and leaves it alone', async () => {
    const demo = await login()
    const alice = await login(ALICE)

    await expectProblem(await deleteSession(demo, alice.sessionId), 404, 'not_found')
    await refresh(alice.refreshToken)
  })

  mockOnly('lab').it('answers 404 not_found for an unknown id', async () => {
    const signedIn = await login()
    await expectProblem(await deleteSession(signedIn, 's_unknown'), 404, 'not_found')
    expect((await getStats()).activeSessions).toBe(1)
  })

  mockOnly('lab').it('answers 404 not_found for a session that is already revoked', async () => {
    const [first, second] = await signInSeveralTimes(['Agent/1', 'Agent/2'])
    if (!first || !second) throw new Error('sign-ins missing')
    await expectNoContent(await deleteSession(first, second.sessionId))

    await expectProblem(await deleteSession(first, second.sessionId), 404, 'not_found')
  })
})
