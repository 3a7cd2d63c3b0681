import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import {
  ALICE,
  call,
  DEMO,
  expectJson,
  expectClearedRefreshCookie,
  expectNoContent,
  expectProblem,
  expectRefreshFailure,
  getMe,
  login,
  mockOnly,
  postLogin,
  postRefresh,
  problemSchema,
  refresh,
  useMockServer,
  userSchema,
} from './client.ts'
import { NEW_AT, signInWith } from './oauth-flow.ts'

useMockServer()

const NEW_PASSWORD = 'correct-horse-battery'

function changePassword(token: string, body: unknown): Promise<Response> {
  return call('/api/me/password', { method: 'POST', token, json: body })
}

/**
 * The refusal of a refresh whose session a password change ended: `session_revoked` with the
 * extension member `reason` (RFC 9457 §3.2), so the device can say why it was signed out.
 */
const passwordChangedSchema = problemSchema.extend({
  code: z.literal('session_revoked'),
  reason: z.literal('password_changed'),
})

async function expectRevokedByPasswordChange(response: Response): Promise<void> {
  expectClearedRefreshCookie(response)
  const text = await response.text()
  expect(response.status, text).toBe(401)
  expect(response.headers.get('Content-Type')).toMatch(/^application\/problem\+json\b/)
  expect(response.headers.get('Cache-Control')).toBe('no-store')
  passwordChangedSchema.parse(JSON.parse(text))
}

async function expectPasswordUnchanged(): Promise<void> {
  await login(DEMO)
  await expectProblem(
    await postLogin({ username: DEMO.username, password: NEW_PASSWORD }),
    401,
    'invalid_credentials',
  )
}

describe('POST /api/me/password', () => {
  it('changes the password: the new one signs in, the old one no longer does', async () => {
    const signedIn = await login()
    await expectNoContent(
      await changePassword(signedIn.accessToken, {
        currentPassword: DEMO.password,
        newPassword: NEW_PASSWORD,
      }),
    )
    await login({ username: DEMO.username, password: NEW_PASSWORD })
    await expectProblem(await postLogin(DEMO), 401, 'invalid_credentials')
  })

  it('ends every other session of the user, access tokens included, and keeps this one', async () => {
    const other = await login()
    const alice = await login(ALICE)
    const signedIn = await login()
    await expectNoContent(
      await changePassword(signedIn.accessToken, {
        currentPassword: DEMO.password,
        newPassword: NEW_PASSWORD,
      }),
    )
    await expectProblem(await getMe(other.accessToken), 401, 'token_invalid')
    await expectRevokedByPasswordChange(await postRefresh(other.refreshToken))
    await expectJson(await getMe(signedIn.accessToken), 200, userSchema)
    await refresh(signedIn.refreshToken)
    await refresh(alice.refreshToken)
  })

  it('says why only for that: a session revoked otherwise is refused without a reason', async () => {
    const other = await login()
    const signedIn = await login()
    await expectNoContent(
      await call('/api/auth/logout-others', { method: 'POST', token: signedIn.accessToken }),
    )
    await expectNoContent(
      await changePassword(signedIn.accessToken, {
        currentPassword: DEMO.password,
        newPassword: NEW_PASSWORD,
      }),
    )
    // The contract's problem schema is strict: a `reason` member would fail it.
    await expectRefreshFailure(await postRefresh(other.refreshToken), 'session_revoked')
  })

  it('refuses a wrong current password with invalid_credentials and changes nothing', async () => {
    const other = await login()
    const signedIn = await login()
    const response = await changePassword(signedIn.accessToken, {
      currentPassword: 'not-the-password',
      newPassword: NEW_PASSWORD,
    })
    await expectProblem(response, 401, 'invalid_credentials')
    await refresh(other.refreshToken)
    await expectPasswordUnchanged()
  })

  it('needs the current password when the account has one', async () => {
    const signedIn = await login()
    const response = await changePassword(signedIn.accessToken, { newPassword: NEW_PASSWORD })
    await expectProblem(response, 400, 'validation_failed')
    await expectPasswordUnchanged()
  })

  it.each([
    ['fewer than 12 characters', 'short-pass1'],
    ['more than 128 characters', 'x'.repeat(129)],
    ['the username', 'my-DEMO-password-2'],
  ])('refuses a new password of %s with weak_password', async (_, newPassword) => {
    const signedIn = await login()
    const response = await changePassword(signedIn.accessToken, {
      currentPassword: DEMO.password,
      newPassword,
    })
    await expectProblem(response, 400, 'weak_password')
    await expectPasswordUnchanged()
  })

  it.each([
    ['exactly 12', 'twelve-chars'],
    ['exactly 128', 'y'.repeat(128)],
  ])('accepts a new password of %s characters', async (_, newPassword) => {
    const signedIn = await login()
    await expectNoContent(
      await changePassword(signedIn.accessToken, { currentPassword: DEMO.password, newPassword }),
    )
    await login({ username: DEMO.username, password: newPassword })
  })

  it('needs an access token', async () => {
    const response = await call('/api/me/password', {
      method: 'POST',
      json: { currentPassword: DEMO.password, newPassword: NEW_PASSWORD },
    })
    await expectProblem(response, 401, 'token_missing')
  })

  mockOnly('mock-providers').it(
    'sets a first password on an account made by a provider, which then signs in with it',
    async () => {
      const { body } = await signInWith('google', NEW_AT.google)
      expect(body.user.hasPassword).toBe(false)
      await expectNoContent(await changePassword(body.accessToken, { newPassword: NEW_PASSWORD }))
      const me = await expectJson(await getMe(body.accessToken), 200, userSchema)
      expect(me.hasPassword).toBe(true)
      expect(me.providers).toContain('password')
      await login({ username: me.username, password: NEW_PASSWORD })
    },
  )
})
