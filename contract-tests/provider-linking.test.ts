import { expect, it } from 'vitest'
import { SoftwarePasskey, creationOptionsSchema } from './authenticator.ts'
import {
  call,
  expectJson,
  expectNoContent,
  expectProblem,
  login,
  mockOnly,
  serverOrigin,
  useMockServer,
  userSchema,
} from './client.ts'
import { NEW_AT, obtainCode, signInWith, type Provider } from './oauth-flow.ts'
import { passkeySchema } from '../contract/account.ts'

useMockServer()

async function link(token: string, provider: Provider, subject: string): Promise<Response> {
  const grant = await obtainCode(provider, subject)
  return call(`/api/me/providers/${provider}`, {
    method: 'POST',
    token,
    json: { code: grant.code, codeVerifier: grant.verifier, redirectUri: grant.redirectUri },
  })
}

function unlink(token: string, provider: string): Promise<Response> {
  return call(`/api/me/providers/${provider}`, { method: 'DELETE', token })
}

mockOnly('mock-providers').describe('POST /api/me/providers/:provider', () => {
  it('links the provider identity of the code, which then signs in to this account', async () => {
    const signedIn = await login()
    const user = await expectJson(
      await link(signedIn.accessToken, 'google', NEW_AT.google),
      200,
      userSchema,
    )
    expect(user.providers).toContain('google')
    const { body } = await signInWith('google', NEW_AT.google)
    expect(body.user.id).toBe(user.id)
  })

  it('refuses an identity that is another account’s with 409 provider_in_use', async () => {
    await signInWith('kakao', NEW_AT.kakao)
    const signedIn = await login()
    const response = await link(signedIn.accessToken, 'kakao', NEW_AT.kakao)
    await expectProblem(response, 409, 'provider_in_use')
  })

  it('refuses a code it does not know with 400 invalid_grant', async () => {
    const signedIn = await login()
    const grant = await obtainCode('google', NEW_AT.google)
    const response = await call('/api/me/providers/google', {
      method: 'POST',
      token: signedIn.accessToken,
      json: { code: 'made-up-code', codeVerifier: grant.verifier, redirectUri: grant.redirectUri },
    })
    await expectProblem(response, 400, 'invalid_grant')
  })
})

mockOnly('mock-providers').describe('DELETE /api/me/providers/:provider', () => {
  it('unlinks the provider', async () => {
    const signedIn = await login()
    await expectJson(await link(signedIn.accessToken, 'google', NEW_AT.google), 200, userSchema)
    const user = await expectJson(await unlink(signedIn.accessToken, 'google'), 200, userSchema)
    expect(user.providers).not.toContain('google')
  })

  it('answers 404 for a provider that is not linked', async () => {
    const signedIn = await login()
    await expectProblem(await unlink(signedIn.accessToken, 'naver'), 404, 'not_found')
  })

  it('refuses to unlink the last way to sign in with 409 last_sign_in_method', async () => {
    const { body } = await signInWith('google', NEW_AT.google)
    await expectProblem(await unlink(body.accessToken, 'google'), 409, 'last_sign_in_method')
  })

  it('lets a passkey stand in for the provider, and then refuses to delete that passkey', async () => {
    const { body } = await signInWith('google', NEW_AT.google)
    const passkey = new SoftwarePasskey(new URL(serverOrigin()).origin)
    const options = await expectJson(
      await call('/api/auth/passkeys/registration-options', {
        method: 'POST',
        token: body.accessToken,
      }),
      200,
      creationOptionsSchema,
    )
    const registered = await expectJson(
      await call('/api/auth/passkeys', {
        method: 'POST',
        token: body.accessToken,
        json: { credential: passkey.create(options) },
      }),
      201,
      passkeySchema,
    )
    await expectJson(await unlink(body.accessToken, 'google'), 200, userSchema)
    const response = await call(`/api/auth/passkeys/${registered.id}`, {
      method: 'DELETE',
      token: body.accessToken,
    })
    await expectProblem(response, 409, 'last_sign_in_method')
    await expectNoContent(
      await call('/api/me/password', {
        method: 'POST',
        token: body.accessToken,
        json: { newPassword: 'a-brand-new-password' },
      }),
    )
    await expectNoContent(
      await call(`/api/auth/passkeys/${registered.id}`, {
        method: 'DELETE',
        token: body.accessToken,
      }),
    )
  })
})
