import { createPublicKey } from 'node:crypto'
import { createServer } from 'node:http'
import {
  base64url,
  createLocalJWKSet,
  decodeJwt,
  decodeProtectedHeader,
  exportJWK,
  generateKeyPair,
  jwtVerify,
  type JWK,
  type JWTHeaderParameters,
  type JWTPayload,
} from 'jose'
import { describe, expect, it } from 'vitest'
import type { z } from 'zod'
import {
  call,
  ecPublicJwkSchema,
  expectJson,
  expectProblem,
  getMe,
  getStats,
  jwksSchema,
  login,
  patchConfig,
  refresh,
  serverSigningKey,
  setServerClock,
  signJwt,
  unsecuredJwt,
  useMockServer,
  userSchema,
  type SignedIn,
  mockOnly,
} from './client.ts'

useMockServer()

const BARE_CHALLENGE = 'Bearer realm="reel"'
const INVALID_TOKEN_CHALLENGE = 'Bearer realm="reel", error="invalid_token"'

async function expectTokenRejected(
  response: Response,
  code: 'token_invalid' | 'token_expired',
): Promise<void> {
  expect(response.headers.get('WWW-Authenticate')).toBe(INVALID_TOKEN_CHALLENGE)
  await expectProblem(response, 401, code)
}

async function expectAccepted(token: string): Promise<void> {
  await expectJson(await getMe(token), 200, userSchema)
}

async function fetchJwks() {
  return expectJson(await call('/api/.well-known/jwks.json'), 200, jwksSchema)
}

/** A real token's header and claims, to forge variants that break exactly one rule. */
function partsOf(signedIn: SignedIn): { header: JWTHeaderParameters; claims: JWTPayload } {
  const { alg, ...rest } = decodeProtectedHeader(signedIn.accessToken)
  if (alg === undefined) throw new Error('token without alg')
  return { header: { ...rest, alg }, claims: decodeJwt(signedIn.accessToken) }
}

const nowSec = () => Math.floor(Date.now() / 1000)

/** Serves a JWKS from a throwaway host, as an attacker would for a `jku` header. */
async function withAttackerJwks<T>(jwk: JWK, run: (url: string) => Promise<T>): Promise<T> {
  const server = createServer((_, res) => {
    res.setHeader('Content-Type', 'application/json')
    res.end(JSON.stringify({ keys: [jwk] }))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const address = server.address()
  try {
    if (address === null || typeof address === 'string') throw new Error('no TCP address')
    return await run(`http://127.0.0.1:${address.port}/jwks.json`)
  } finally {
    server.closeAllConnections()
    await new Promise((resolve) => server.close(resolve))
  }
}

async function attackerKeys() {
  const { publicKey, privateKey } = await generateKeyPair('ES256', { extractable: true })
  return { publicJwk: await exportJWK(publicKey), privateKey }
}

describe('Bearer challenges', () => {
  it('answers token_missing with a bare WWW-Authenticate challenge when no token is sent', async () => {
    const response = await call('/api/me')
    expect(response.headers.get('WWW-Authenticate')).toBe(BARE_CHALLENGE)
    await expectProblem(response, 401, 'token_missing')
  })

  it('answers token_missing for another authorization scheme', async () => {
    const response = await call('/api/me', { headers: { Authorization: 'Basic ZGVtbzpkZW1v' } })
    expect(response.headers.get('WWW-Authenticate')).toBe(BARE_CHALLENGE)
    await expectProblem(response, 401, 'token_missing')
  })

  it.each(['Bearer', 'Bearer a b'])(
    'answers token_invalid for Bearer credentials that are not one token (%s)',
    async (authorization) => {
      const response = await call('/api/me', { headers: { Authorization: authorization } })
      await expectTokenRejected(response, 'token_invalid')
    },
  )

  it.each([['garbage'], ['a.b.c'], ['eyJhbGciOiJFUzI1NiJ9.e30.']])(
    'answers token_invalid with error="invalid_token" for the malformed token %s',
    async (token) => {
      await expectTokenRejected(await getMe(token), 'token_invalid')
    },
  )

  mockOnly('lab').it(
    'answers token_expired with error="invalid_token" once the access token has expired',
    async () => {
      await patchConfig({ accessTokenTtlSec: 60 })
      const signedIn = await login()
      await setServerClock(60 + 6)

      await expectTokenRejected(await getMe(signedIn.accessToken), 'token_expired')
    },
  )

  mockOnly('lab').it('counts every rejected access token in the lab stats', async () => {
    await call('/api/me')
    await getMe('garbage')
    await getMe('a.b.c')
    expect((await getStats()).rejectedAccessTokens).toBe(3)
  })

  it.each([
    ['GET', '/api/me'],
    ['GET', '/api/me/watchlist'],
    ['PUT', '/api/me/watchlist/parasite-2019'],
    ['DELETE', '/api/me/watchlist/parasite-2019'],
    ['GET', '/api/movies'],
    ['GET', '/api/movies/parasite-2019'],
    ['GET', '/api/auth/sessions'],
    ['DELETE', '/api/auth/sessions/s_anything'],
    ['POST', '/api/auth/logout-all'],
  ])('protects %s %s with a Bearer token', async (method, path) => {
    const response = await call(path, { method })
    expect(response.headers.get('WWW-Authenticate')).toBe(BARE_CHALLENGE)
    await expectProblem(response, 401, 'token_missing')
  })
})

describe('access token format', () => {
  it('lets the public keys be cached, unlike every private answer', async () => {
    const response = await call('/api/.well-known/jwks.json')
    expect(response.headers.get('Cache-Control')).toBe('public, max-age=300')
  })

  it('is an ES256 at+jwt naming a key of the JWKS, with the contract claims', async () => {
    const signedIn = await login()
    const header = decodeProtectedHeader(signedIn.accessToken)
    const claims = decodeJwt(signedIn.accessToken)
    const jwks = await fetchJwks()

    expect(header.alg).toBe('ES256')
    expect(header.typ).toBe('at+jwt')
    expect(jwks.keys.map((key) => key.kid)).toContain(header.kid)
    expect(Object.keys(claims)).toEqual(
      expect.arrayContaining(['iss', 'aud', 'sub', 'sid', 'jti', 'iat', 'exp', 'name']),
    )
    expect(claims.sub).toBe('u_demo')
    expect(claims.name).toBe('Demo Viewer')
    expect(claims.sid).toBe(signedIn.sessionId)
    expect(typeof claims.iss).toBe('string')
    expect(claims.aud).toBeTruthy()
  })

  it('verifies against the published JWKS', async () => {
    const signedIn = await login()
    const jwks = createLocalJWKSet(await fetchJwks())
    const { payload } = await jwtVerify(signedIn.accessToken, jwks, { algorithms: ['ES256'] })
    expect(payload.sub).toBe('u_demo')
  })

  it('lives 300 seconds by default, as expiresIn says', async () => {
    const signedIn = await login()
    const claims = decodeJwt(signedIn.accessToken)
    expect(signedIn.body.expiresIn).toBe(300)
    expect((claims.exp ?? 0) - (claims.iat ?? 0)).toBe(300)
  })

  mockOnly('lab').it('takes its lifetime from accessTokenTtlSec', async () => {
    await patchConfig({ accessTokenTtlSec: 60 })
    const signedIn = await login()
    const claims = decodeJwt(signedIn.accessToken)
    expect(signedIn.body.expiresIn).toBe(60)
    expect((claims.exp ?? 0) - (claims.iat ?? 0)).toBe(60)
  })

  it('gives every token its own jti', async () => {
    const first = decodeJwt((await login()).accessToken)
    const second = decodeJwt((await login()).accessToken)
    expect(first.jti).toBeTruthy()
    expect(second.jti).not.toBe(first.jti)
  })
})

describe('GET /api/.well-known/jwks.json', () => {
  it('publishes ES256 public keys with a kid and no private part', async () => {
    const jwks = await fetchJwks()
    for (const key of jwks.keys) {
      expect(key.kid).not.toBe('')
      expect(key.alg).toBe('ES256')
      expect(key.kty).toBe('EC')
      expect(key).toMatchObject({ crv: 'P-256', x: expect.any(String), y: expect.any(String) })
      for (const secret of ['d', 'p', 'q', 'dp', 'dq', 'qi', 'k']) {
        expect(key).not.toHaveProperty(secret)
      }
    }
  })

  it('needs no token', async () => {
    const response = await call('/api/.well-known/jwks.json', { xhr: false })
    expect(response.status).toBe(200)
  })

  mockOnly('lab').it('never publishes the HS256 secret', async () => {
    await patchConfig({ signingAlg: 'HS256' })
    const jwks = await fetchJwks()
    for (const key of jwks.keys) {
      expect(key.kty).not.toBe('oct')
      expect(key).not.toHaveProperty('k')
    }
  })
})

describe('access token verification', () => {
  mockOnly('internals').it(
    'accepts a token re-signed by the server key with unchanged header and claims',
    async () => {
      // The control for the forgeries below: they differ from this only in what they break.
      const signedIn = await login()
      const { header, claims } = partsOf(signedIn)
      await expectAccepted(await signJwt(header, claims, await serverSigningKey('ES256')))
    },
  )

  it.each(['none', 'None', 'NONE'])(
    'rejects a token with alg: %s and no signature',
    async (alg) => {
      const signedIn = await login()
      const { header, claims } = partsOf(signedIn)
      await expectTokenRejected(await getMe(unsecuredJwt(header, claims, alg)), 'token_invalid')
    },
  )

  it('rejects a token whose signature was made with another ES256 key', async () => {
    const signedIn = await login()
    const { header, claims } = partsOf(signedIn)
    const attacker = await attackerKeys()
    await expectTokenRejected(
      await getMe(await signJwt(header, claims, attacker.privateKey)),
      'token_invalid',
    )
  })

  describe('HS256 signed with the ES256 public key (key confusion)', () => {
    type Served = z.infer<typeof jwksSchema>['keys'][number]
    const encoder = new TextEncoder()
    const spki = (served: Served) =>
      createPublicKey({ key: ecPublicJwkSchema.parse(served), format: 'jwk' })

    it.each<[string, (served: Served) => Uint8Array]>([
      ['the JWKS entry as JSON', (served) => encoder.encode(JSON.stringify(served))],
      [
        'the bare public JWK as JSON',
        (served) => encoder.encode(JSON.stringify(ecPublicJwkSchema.parse(served))),
      ],
      [
        'PEM (SPKI)',
        (served) => encoder.encode(String(spki(served).export({ type: 'spki', format: 'pem' }))),
      ],
      [
        'DER (SPKI)',
        (served) => new Uint8Array(spki(served).export({ type: 'spki', format: 'der' })),
      ],
    ])('rejects a token whose HMAC secret is %s', async (_, encode) => {
      const signedIn = await login()
      const { header, claims } = partsOf(signedIn)
      const served = (await fetchJwks()).keys.find((key) => key.kid === header.kid)
      if (!served) throw new Error('the token names no published key')

      const forged = await signJwt({ ...header, alg: 'HS256' }, claims, encode(served))
      await expectTokenRejected(await getMe(forged), 'token_invalid')
    })
  })

  describe('keys named by the token itself', () => {
    it('rejects a token that embeds the attacker’s own key as jwk and is signed with it', async () => {
      const signedIn = await login()
      const { header, claims } = partsOf(signedIn)
      const attacker = await attackerKeys()
      const forged = await signJwt(
        { ...header, jwk: attacker.publicJwk },
        claims,
        attacker.privateKey,
      )
      await expectTokenRejected(await getMe(forged), 'token_invalid')
    })

    it('rejects a token whose jku points at the attacker’s JWKS and is signed with that key', async () => {
      const signedIn = await login()
      const { header, claims } = partsOf(signedIn)
      const attacker = await attackerKeys()
      const kid = header.kid ?? 'attacker'
      await withAttackerJwks({ ...attacker.publicJwk, kid, alg: 'ES256' }, async (jku) => {
        const forged = await signJwt({ ...header, jku }, claims, attacker.privateKey)
        await expectTokenRejected(await getMe(forged), 'token_invalid')
      })
    })

    it('rejects a token carrying an x5c chain and signed with the attacker’s key', async () => {
      const signedIn = await login()
      const { header, claims } = partsOf(signedIn)
      const attacker = await attackerKeys()
      const x5c = [Buffer.from('not really a certificate').toString('base64')]
      const forged = await signJwt({ ...header, x5c }, claims, attacker.privateKey)
      await expectTokenRejected(await getMe(forged), 'token_invalid')
    })

    it.each([
      ['jwk', (jwk: JWK) => ({ jwk })],
      ['jku', () => ({ jku: 'https://reel.example/.well-known/jwks.json' })],
      ['x5c', () => ({ x5c: [Buffer.from('certificate').toString('base64')] })],
    ])('rejects a %s header even on a token correctly signed by the server', async (_, extra) => {
      const signedIn = await login()
      const { header, claims } = partsOf(signedIn)
      const attacker = await attackerKeys()
      const forged = await signJwt(
        { ...header, ...extra(attacker.publicJwk) },
        claims,
        await serverSigningKey('ES256'),
      )
      await expectTokenRejected(await getMe(forged), 'token_invalid')
    })
  })

  mockOnly('internals').describe('claims and header checked on a correctly signed token', () => {
    it.each([
      ['a wrong iss', { iss: 'https://evil.example' }],
      ['a wrong aud', { aud: 'someone-else' }],
      ['an unknown sub', { sub: 'u_nobody' }],
    ])('rejects a token with %s', async (_, change) => {
      const signedIn = await login()
      const { header, claims } = partsOf(signedIn)
      const forged = await signJwt(
        header,
        { ...claims, ...change },
        await serverSigningKey('ES256'),
      )
      await expectTokenRejected(await getMe(forged), 'token_invalid')
    })

    it('rejects a token without a sid', async () => {
      const signedIn = await login()
      const { header, claims } = partsOf(signedIn)
      delete claims.sid
      const forged = await signJwt(header, claims, await serverSigningKey('ES256'))
      await expectTokenRejected(await getMe(forged), 'token_invalid')
    })

    it.each([['JWT'], ['id+jwt']])('rejects a token with typ %s', async (typ) => {
      const signedIn = await login()
      const { header, claims } = partsOf(signedIn)
      const forged = await signJwt({ ...header, typ }, claims, await serverSigningKey('ES256'))
      await expectTokenRejected(await getMe(forged), 'token_invalid')
    })

    it('rejects a token without a typ', async () => {
      const signedIn = await login()
      const { header, claims } = partsOf(signedIn)
      delete header.typ
      const forged = await signJwt(header, claims, await serverSigningKey('ES256'))
      await expectTokenRejected(await getMe(forged), 'token_invalid')
    })

    it('answers token_expired for exp more than 5 seconds in the past', async () => {
      const signedIn = await login()
      const { header, claims } = partsOf(signedIn)
      const now = nowSec()
      const forged = await signJwt(
        header,
        { ...claims, iat: now - 310, exp: now - 10 },
        await serverSigningKey('ES256'),
      )
      await expectTokenRejected(await getMe(forged), 'token_expired')
    })

    it('accepts exp up to 5 seconds in the past (clock leeway)', async () => {
      const signedIn = await login()
      const { header, claims } = partsOf(signedIn)
      const now = nowSec()
      const forged = await signJwt(
        header,
        { ...claims, iat: now - 302, exp: now - 2 },
        await serverSigningKey('ES256'),
      )
      await expectAccepted(forged)
    })

    it('accepts an issued token within the leeway and expires it beyond, on the server clock', async () => {
      await patchConfig({ accessTokenTtlSec: 60 })
      const signedIn = await login()

      await setServerClock(60 + 3)
      await expectAccepted(signedIn.accessToken)
      await setServerClock(60 + 7)
      await expectTokenRejected(await getMe(signedIn.accessToken), 'token_expired')
    })
  })

  it('rejects an altered payload under the original signature', async () => {
    const signedIn = await login()
    const [header, , signature] = signedIn.accessToken.split('.')
    const claims = { ...decodeJwt(signedIn.accessToken), sub: 'u_alice', name: 'Alice Kim' }
    const altered = `${header}.${base64url.encode(JSON.stringify(claims))}.${signature}`
    await expectTokenRejected(await getMe(altered), 'token_invalid')
  })

  mockOnly('internals').it(
    'rejects an HS256 token, even one signed with the server’s own secret, while ES256 is configured',
    async () => {
      await patchConfig({ signingAlg: 'HS256' })
      const hs = partsOf(await login())
      await patchConfig({ signingAlg: 'ES256' })
      const es = partsOf(await login())

      const forged = await signJwt(hs.header, es.claims, await serverSigningKey('HS256'))
      await expectTokenRejected(await getMe(forged), 'token_invalid')
    },
  )

  mockOnly('lab').describe('switching the lab signingAlg', () => {
    it('signs new tokens HS256 and rejects the ES256 ones issued before', async () => {
      const before = await login()
      await patchConfig({ signingAlg: 'HS256' })
      const after = await login()

      expect(decodeProtectedHeader(after.accessToken).alg).toBe('HS256')
      expect(decodeProtectedHeader(after.accessToken).typ).toBe('at+jwt')
      await expectAccepted(after.accessToken)
      await expectTokenRejected(await getMe(before.accessToken), 'token_invalid')
    })

    it('rejects the HS256 tokens once ES256 is configured again', async () => {
      await patchConfig({ signingAlg: 'HS256' })
      const hs = await login()
      await patchConfig({ signingAlg: 'ES256' })

      await expectTokenRejected(await getMe(hs.accessToken), 'token_invalid')
      await expectAccepted((await login()).accessToken)
    })

    it('refreshes into a token of the newly configured algorithm', async () => {
      const signedIn = await login()
      await patchConfig({ signingAlg: 'HS256' })
      const refreshed = await refresh(signedIn.refreshToken)

      expect(decodeProtectedHeader(refreshed.accessToken).alg).toBe('HS256')
      await expectAccepted(refreshed.accessToken)
    })
  })
})
