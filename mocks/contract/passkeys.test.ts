import { decodeJwt } from 'jose'
import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { passkeyListSchema, passkeySchema } from '../../contract/account.ts'
import { db } from '../db.ts'
import {
  creationOptionsSchema,
  requestOptionsSchema,
  SoftwarePasskey,
  type Deviation,
} from './authenticator.ts'
import {
  ALICE,
  call,
  DEMO,
  expectJson,
  expectNoContent,
  expectProblem,
  getMe,
  login,
  mockOnly,
  refresh,
  serverOrigin,
  sessionSchema,
  setServerClock,
  tokenResponseSchema,
  useMockServer,
  userSchema,
  type SignedIn,
} from './client.ts'

useMockServer()

const appOrigin = () => new URL(serverOrigin()).origin

async function registrationOptions(token: string) {
  const response = await call('/api/auth/passkeys/registration-options', { method: 'POST', token })
  return expectJson(response, 200, creationOptionsSchema)
}

async function requestOptions() {
  const response = await call('/api/auth/passkey/options', { method: 'POST', json: {} })
  return expectJson(response, 200, requestOptionsSchema)
}

function postPasskey(token: string, credential: unknown, name?: string): Promise<Response> {
  return call('/api/auth/passkeys', {
    method: 'POST',
    token,
    json: name === undefined ? { credential } : { credential, name },
  })
}

/** Registers a new software passkey to the signed-in user. */
/** A software passkey the backend has registered, with the id the backend gave it. */
type RegisteredPasskey = SoftwarePasskey & { readonly serverId: string }

async function addPasskey(signedIn: SignedIn, synced = false): Promise<RegisteredPasskey> {
  const passkey = new SoftwarePasskey(appOrigin(), synced)
  const options = await registrationOptions(signedIn.accessToken)
  const registered = await expectJson(
    await postPasskey(signedIn.accessToken, passkey.create(options)),
    201,
    passkeySchema,
  )
  // The contract's passkey id is the backend's own: not necessarily the credential's id.
  return Object.assign(passkey, { serverId: registered.id })
}

async function passkeyLogin(passkey: SoftwarePasskey, deviation: Deviation = {}) {
  const credential = passkey.get(await requestOptions(), deviation)
  return call('/api/auth/passkey/login', { method: 'POST', json: { credential } })
}

async function listPasskeys(token: string) {
  return expectJson(await call('/api/auth/passkeys', { token }), 200, passkeyListSchema)
}

describe('registering a passkey', () => {
  it('offers creation options for a discoverable, user-verified ES256 or RS256 credential', async () => {
    const signedIn = await login()
    const existing = await addPasskey(signedIn)
    const options = await registrationOptions(signedIn.accessToken)
    expect(new URL(appOrigin()).hostname.endsWith(options.rp.id)).toBe(true)
    expect(options.user.id).not.toContain(DEMO.username)
    expect(Buffer.from(options.challenge, 'base64url').length).toBeGreaterThanOrEqual(16)
    expect(options.pubKeyCredParams.map((param) => param.alg)).toEqual(
      expect.arrayContaining([-7, -257]),
    )
    expect(options.authenticatorSelection.residentKey).toBe('required')
    expect(options.authenticatorSelection.userVerification).toBe('required')
    expect(options.attestation).toBe('none')
    expect(options.excludeCredentials.map((credential) => credential.id)).toEqual([existing.id])
  })

  it('names the user by an opaque handle of their own, the same every time', async () => {
    const demo = await login()
    const alice = await login(ALICE)
    const handle = (await registrationOptions(demo.accessToken)).user.id
    const me = await expectJson(await getMe(demo.accessToken), 200, userSchema)
    for (const told of [me.id, me.username, me.email]) {
      expect(Buffer.from(handle, 'base64url').toString('latin1')).not.toContain(told)
    }
    expect(Buffer.from(handle, 'base64url').length).toBeGreaterThanOrEqual(16)
    expect((await registrationOptions(demo.accessToken)).user.id).toBe(handle)
    expect((await registrationOptions(alice.accessToken)).user.id).not.toBe(handle)
  })

  it('answers 201 with the passkey, which the list and the user then show', async () => {
    const signedIn = await login()
    const passkey = new SoftwarePasskey(appOrigin())
    const options = await registrationOptions(signedIn.accessToken)
    const created = await expectJson(
      await postPasskey(signedIn.accessToken, passkey.create(options), 'My laptop'),
      201,
      passkeySchema,
    )
    expect(created).toMatchObject({ name: 'My laptop', lastUsedAt: null, backedUp: false })
    expect(await listPasskeys(signedIn.accessToken)).toEqual([created])
    const me = await expectJson(await getMe(signedIn.accessToken), 200, userSchema)
    expect(me.passkeys).toBe(1)
  })

  it('marks a synced passkey as backed up', async () => {
    const signedIn = await login()
    await addPasskey(signedIn, true)
    const [listed] = await listPasskeys(signedIn.accessToken)
    expect(listed?.backedUp).toBe(true)
  })

  it.each<[string, Deviation]>([
    ['without user verification', { userVerified: false }],
    ['from another origin', { origin: 'https://evil.example' }],
    ['for another rp id', { rpId: 'evil.example' }],
    [
      'answering a challenge the server never gave',
      { challenge: 'bm90LWEtY2hhbGxlbmdlLWF0LWFsbA' },
    ],
  ])('refuses a registration %s with 400 passkey_invalid', async (_, deviation) => {
    const signedIn = await login()
    const passkey = new SoftwarePasskey(appOrigin())
    const options = await registrationOptions(signedIn.accessToken)
    const response = await postPasskey(signedIn.accessToken, passkey.create(options, deviation))
    await expectProblem(response, 400, 'passkey_invalid')
    expect(await listPasskeys(signedIn.accessToken)).toEqual([])
  })

  it('uses a challenge once: a second registration with it is refused', async () => {
    const signedIn = await login()
    const options = await registrationOptions(signedIn.accessToken)
    await expectJson(
      await postPasskey(signedIn.accessToken, new SoftwarePasskey(appOrigin()).create(options)),
      201,
      passkeySchema,
    )
    const again = new SoftwarePasskey(appOrigin()).create(options)
    await expectProblem(await postPasskey(signedIn.accessToken, again), 400, 'passkey_invalid')
  })

  it('refuses a challenge given to another user', async () => {
    const alice = await login(ALICE)
    const demo = await login()
    const options = await registrationOptions(alice.accessToken)
    const credential = new SoftwarePasskey(appOrigin()).create(options)
    await expectProblem(await postPasskey(demo.accessToken, credential), 400, 'passkey_invalid')
  })

  it('refuses a response that is not a registration', async () => {
    const signedIn = await login()
    await registrationOptions(signedIn.accessToken)
    const response = await postPasskey(signedIn.accessToken, { id: 'x' })
    await expectProblem(response, 400, 'passkey_invalid')
  })

  mockOnly('lab').it('refuses a challenge older than 5 minutes', async () => {
    const signedIn = await login()
    const options = await registrationOptions(signedIn.accessToken)
    await setServerClock(301)
    const later = await refresh(signedIn.refreshToken)
    const fresh = await call('/api/auth/reauthenticate', {
      method: 'POST',
      token: later.accessToken,
      json: { password: DEMO.password },
    })
    const { accessToken } = await expectJson(fresh, 200, tokenResponseSchema)
    const credential = new SoftwarePasskey(appOrigin()).create(options)
    await expectProblem(await postPasskey(accessToken, credential), 400, 'passkey_invalid')
  })
})

describe('signing in with a passkey', () => {
  it('offers request options for a discoverable credential with user verification', async () => {
    const options = await requestOptions()
    expect(options.allowCredentials).toEqual([])
    expect(options.userVerification).toBe('required')
    expect(Buffer.from(options.challenge, 'base64url').length).toBeGreaterThanOrEqual(16)
  })

  it('signs in to a new passkey session, with amr passkey, and records the use', async () => {
    const signedIn = await login()
    const passkey = await addPasskey(signedIn)
    const response = await passkeyLogin(passkey)
    const body = await expectJson(response, 200, tokenResponseSchema)
    const claims = decodeJwt(body.accessToken)
    expect(claims.amr).toEqual(['passkey'])
    expect(claims.sid).not.toBe(signedIn.sessionId)
    expect(body.user.username).toBe(DEMO.username)
    const sessions = await expectJson(
      await call('/api/auth/sessions', { token: body.accessToken }),
      200,
      z.array(sessionSchema),
    )
    expect(sessions.find((session) => session.current)?.provider).toBe('passkey')
    const [listed] = await listPasskeys(body.accessToken)
    expect(listed?.lastUsedAt).not.toBeNull()
  })

  it('keeps signing in with a synced passkey whose counter stays 0', async () => {
    const passkey = await addPasskey(await login(), true)
    await expectJson(await passkeyLogin(passkey), 200, tokenResponseSchema)
    await expectJson(await passkeyLogin(passkey), 200, tokenResponseSchema)
  })

  it.each<[string, Deviation]>([
    ['a bad signature', { badSignature: true }],
    ['no user verification', { userVerified: false }],
    ['another origin', { origin: 'https://evil.example' }],
    ['another rp id', { rpId: 'evil.example' }],
    ['a challenge the server never gave', { challenge: 'bm90LWEtY2hhbGxlbmdlLWF0LWFsbA' }],
  ])('refuses an assertion with %s with 401 passkey_invalid', async (_, deviation) => {
    const passkey = await addPasskey(await login())
    await expectProblem(await passkeyLogin(passkey, deviation), 401, 'passkey_invalid')
  })

  it('refuses a signature counter that went backwards', async () => {
    const passkey = await addPasskey(await login())
    await expectJson(await passkeyLogin(passkey, { counter: 10 }), 200, tokenResponseSchema)
    await expectProblem(await passkeyLogin(passkey, { counter: 7 }), 401, 'passkey_invalid')
  })

  it('uses a challenge once: the same assertion again is refused', async () => {
    const passkey = await addPasskey(await login())
    const credential = passkey.get(await requestOptions())
    const send = () => call('/api/auth/passkey/login', { method: 'POST', json: { credential } })
    await expectJson(await send(), 200, tokenResponseSchema)
    await expectProblem(await send(), 401, 'passkey_invalid')
  })

  it('refuses an assertion whose user handle is not the passkey’s user', async () => {
    const passkey = await addPasskey(await login())
    const alice = (await registrationOptions((await login(ALICE)).accessToken)).user.id
    await expectProblem(await passkeyLogin(passkey, { userHandle: alice }), 401, 'passkey_invalid')
    await expectJson(await passkeyLogin(passkey), 200, tokenResponseSchema)
  })

  it('refuses a passkey the server does not know', async () => {
    const stranger = new SoftwarePasskey(appOrigin())
    await expectProblem(await passkeyLogin(stranger), 401, 'passkey_invalid')
  })

  it('refuses a passkey once it is deleted', async () => {
    const signedIn = await login()
    const passkey = await addPasskey(signedIn)
    await expectNoContent(
      await call(`/api/auth/passkeys/${passkey.serverId}`, {
        method: 'DELETE',
        token: signedIn.accessToken,
      }),
    )
    await expectProblem(await passkeyLogin(passkey), 401, 'passkey_invalid')
  })

  it('throttles failures per client address like sign-ins: five, then 429 even for a good one', async () => {
    const passkey = await addPasskey(await login())
    for (let attempt = 0; attempt < 5; attempt++) {
      await expectProblem(
        await passkeyLogin(passkey, { badSignature: true }),
        401,
        'passkey_invalid',
      )
    }
    const response = await passkeyLogin(passkey)
    await expectProblem(response, 429, 'too_many_attempts')
    expect(Number(response.headers.get('Retry-After'))).toBeGreaterThan(0)
  })

  mockOnly('lab').it('refuses a challenge older than 5 minutes', async () => {
    const passkey = await addPasskey(await login())
    const options = await requestOptions()
    await setServerClock(301)
    const credential = passkey.get(options)
    const response = await call('/api/auth/passkey/login', { method: 'POST', json: { credential } })
    await expectProblem(response, 401, 'passkey_invalid')
  })
})

describe('managing passkeys', () => {
  it('renames a passkey', async () => {
    const signedIn = await login()
    const passkey = await addPasskey(signedIn)
    const response = await call(`/api/auth/passkeys/${passkey.serverId}`, {
      method: 'PATCH',
      token: signedIn.accessToken,
      json: { name: 'Work phone' },
    })
    expect((await expectJson(response, 200, passkeySchema)).name).toBe('Work phone')
  })

  it('refuses a name longer than 64 characters', async () => {
    const signedIn = await login()
    const passkey = await addPasskey(signedIn)
    const response = await call(`/api/auth/passkeys/${passkey.serverId}`, {
      method: 'PATCH',
      token: signedIn.accessToken,
      json: { name: 'n'.repeat(65) },
    })
    await expectProblem(response, 400, 'validation_failed')
  })

  it('answers 404 for another user’s passkey, to rename or to delete', async () => {
    const passkey = await addPasskey(await login(ALICE))
    const demo = await login()
    const path = `/api/auth/passkeys/${passkey.serverId}`
    await expectProblem(
      await call(path, { method: 'PATCH', token: demo.accessToken, json: { name: 'Mine' } }),
      404,
      'not_found',
    )
    await expectProblem(
      await call(path, { method: 'DELETE', token: demo.accessToken }),
      404,
      'not_found',
    )
  })

  mockOnly('internals').it(
    'refuses to delete the last way to sign in with 409 last_sign_in_method',
    async () => {
      const signedIn = await login()
      const passkey = await addPasskey(signedIn)
      const demo = db.users.get('u_demo')
      if (!demo) throw new Error('seed user missing')
      demo.password = null
      const response = await call(`/api/auth/passkeys/${passkey.serverId}`, {
        method: 'DELETE',
        token: signedIn.accessToken,
      })
      await expectProblem(response, 409, 'last_sign_in_method')
      expect(await listPasskeys(signedIn.accessToken)).toHaveLength(1)
    },
  )
})

describe('re-authenticating with a passkey', () => {
  function reauthenticate(token: string, credential: unknown) {
    return call('/api/auth/reauthenticate', { method: 'POST', token, json: { credential } })
  }

  it('answers a token response for the same session with amr passkey', async () => {
    const signedIn = await login()
    const passkey = await addPasskey(signedIn)
    const response = await reauthenticate(signedIn.accessToken, passkey.get(await requestOptions()))
    const body = await expectJson(response, 200, tokenResponseSchema)
    const claims = decodeJwt(body.accessToken)
    expect(claims.sid).toBe(signedIn.sessionId)
    expect(claims.amr).toEqual(['passkey'])
  })

  it('refuses another user’s passkey', async () => {
    const alicePasskey = await addPasskey(await login(ALICE))
    const demo = await login()
    const credential = alicePasskey.get(await requestOptions())
    await expectProblem(await reauthenticate(demo.accessToken, credential), 401, 'passkey_invalid')
  })

  it('counts its failures with those of passkey sign-in: five, then 429', async () => {
    const signedIn = await login()
    const passkey = await addPasskey(signedIn)
    for (let attempt = 0; attempt < 5; attempt++) {
      await expectProblem(
        await passkeyLogin(passkey, { badSignature: true }),
        401,
        'passkey_invalid',
      )
    }
    const credential = passkey.get(await requestOptions())
    const response = await reauthenticate(signedIn.accessToken, credential)
    await expectProblem(response, 429, 'too_many_attempts')
  })

  it('refuses a bad signature', async () => {
    const signedIn = await login()
    const passkey = await addPasskey(signedIn)
    const credential = passkey.get(await requestOptions(), { badSignature: true })
    await expectProblem(
      await reauthenticate(signedIn.accessToken, credential),
      401,
      'passkey_invalid',
    )
  })
})
