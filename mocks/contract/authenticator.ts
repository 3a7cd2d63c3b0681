import { createHash, generateKeyPairSync, randomBytes, sign, type KeyObject } from 'node:crypto'
import { isoBase64URL, isoCBOR } from '@simplewebauthn/server/helpers'
import { z } from 'zod'

/**
 * A software passkey authenticator for the contract tests: it makes P-256 credentials and
 * answers the server's creation and request options as a browser and authenticator would, and
 * can break exactly one rule of an answer, so a refusal proves that rule is checked.
 */

const FLAG_UP = 0x01
const FLAG_UV = 0x04
const FLAG_BE = 0x08
const FLAG_BS = 0x10
const FLAG_AT = 0x40

const b64url = (bytes: Uint8Array) => isoBase64URL.fromBuffer(new Uint8Array(bytes))
const sha256 = (data: Uint8Array | string) =>
  new Uint8Array(createHash('sha256').update(data).digest())

export const creationOptionsSchema = z.looseObject({
  challenge: z.string(),
  rp: z.looseObject({ id: z.string() }),
  user: z.looseObject({ id: z.string(), name: z.string() }),
  pubKeyCredParams: z.array(z.looseObject({ alg: z.number(), type: z.literal('public-key') })),
  authenticatorSelection: z.looseObject({
    residentKey: z.string(),
    userVerification: z.string(),
  }),
  excludeCredentials: z.array(z.looseObject({ id: z.string() })),
  attestation: z.string(),
})
export type CreationOptions = z.infer<typeof creationOptionsSchema>

export const requestOptionsSchema = z.looseObject({
  challenge: z.string(),
  rpId: z.string(),
  allowCredentials: z.array(z.unknown()),
  userVerification: z.string(),
})
export type RequestOptions = z.infer<typeof requestOptionsSchema>

/** What a test may change in one answer, to break one rule. */
export interface Deviation {
  origin?: string
  rpId?: string
  challenge?: string
  userVerified?: boolean
  /** The counter this answer reports; by default the authenticator's next one. */
  counter?: number
  /** Flips a bit of the signature. */
  badSignature?: boolean
  /** The user handle this answer names; by default the one it was created for. */
  userHandle?: string
}

function authenticatorData(
  rpId: string,
  flags: number,
  counter: number,
  attested = new Uint8Array(),
) {
  const data = new Uint8Array(32 + 1 + 4 + attested.length)
  data.set(sha256(rpId), 0)
  data[32] = flags
  new DataView(data.buffer).setUint32(33, counter)
  data.set(attested, 37)
  return data
}

function clientData(type: 'webauthn.create' | 'webauthn.get', challenge: string, origin: string) {
  return new TextEncoder().encode(JSON.stringify({ type, challenge, origin, crossOrigin: false }))
}

/** The P-256 public key as a COSE_Key (RFC 9053): kty EC2, alg ES256, crv P-256, x, y. */
function coseKey(publicKey: KeyObject): Uint8Array {
  const jwk = publicKey.export({ format: 'jwk' })
  if (!jwk.x || !jwk.y) throw new Error('not an EC key')
  return isoCBOR.encode(
    new Map<number, number | Uint8Array>([
      [1, 2],
      [3, -7],
      [-1, 1],
      [-2, isoBase64URL.toBuffer(jwk.x)],
      [-3, isoBase64URL.toBuffer(jwk.y)],
    ]),
  )
}

export class SoftwarePasskey {
  readonly credentialId = new Uint8Array(randomBytes(32))
  readonly #keys = generateKeyPairSync('ec', { namedCurve: 'P-256' })
  #userHandle = ''
  /** The signature counter; stays 0 for a synced passkey, as those keep none. */
  counter: number

  constructor(
    /** The origin the browser would report: the app's. */
    readonly origin: string,
    /** Synced between devices: backup eligible and backed up, and no counter. */
    readonly synced = false,
  ) {
    this.counter = synced ? 0 : 1
  }

  get id(): string {
    return b64url(this.credentialId)
  }

  #flags(userVerified: boolean, attested: boolean): number {
    return (
      FLAG_UP |
      (userVerified ? FLAG_UV : 0) |
      (this.synced ? FLAG_BE | FLAG_BS : 0) |
      (attested ? FLAG_AT : 0)
    )
  }

  /** `navigator.credentials.create()` with these options: a `RegistrationResponseJSON`. */
  create(options: CreationOptions, deviation: Deviation = {}) {
    this.#userHandle = options.user.id
    const idLength = new Uint8Array([
      this.credentialId.length >> 8,
      this.credentialId.length & 0xff,
    ])
    const attested = new Uint8Array([
      ...new Uint8Array(16), // AAGUID: none, as with attestation "none"
      ...idLength,
      ...this.credentialId,
      ...coseKey(this.#keys.publicKey),
    ])
    const authData = authenticatorData(
      deviation.rpId ?? options.rp.id,
      this.#flags(deviation.userVerified ?? true, true),
      deviation.counter ?? this.counter,
      attested,
    )
    const attestationObject = isoCBOR.encode(
      new Map<string, unknown>([
        ['fmt', 'none'],
        ['attStmt', new Map()],
        ['authData', authData],
      ]) as Parameters<typeof isoCBOR.encode>[0],
    )
    const clientDataJSON = clientData(
      'webauthn.create',
      deviation.challenge ?? options.challenge,
      deviation.origin ?? this.origin,
    )
    return {
      id: this.id,
      rawId: this.id,
      type: 'public-key',
      response: {
        clientDataJSON: b64url(clientDataJSON),
        attestationObject: b64url(attestationObject),
        transports: ['internal'],
      },
      clientExtensionResults: {},
      authenticatorAttachment: 'platform',
    }
  }

  /** `navigator.credentials.get()` with these options: an `AuthenticationResponseJSON`. */
  get(options: RequestOptions, deviation: Deviation = {}) {
    if (!this.synced && deviation.counter === undefined) this.counter++
    const authData = authenticatorData(
      deviation.rpId ?? options.rpId,
      this.#flags(deviation.userVerified ?? true, false),
      deviation.counter ?? this.counter,
    )
    const clientDataJSON = clientData(
      'webauthn.get',
      deviation.challenge ?? options.challenge,
      deviation.origin ?? this.origin,
    )
    const signature = new Uint8Array(
      sign(
        'sha256',
        new Uint8Array([...authData, ...sha256(clientDataJSON)]),
        this.#keys.privateKey,
      ),
    )
    if (deviation.badSignature)
      signature.set([(signature.at(-1) ?? 0) ^ 0x01], signature.length - 1)
    return {
      id: this.id,
      rawId: this.id,
      type: 'public-key',
      response: {
        clientDataJSON: b64url(clientDataJSON),
        authenticatorData: b64url(authData),
        signature: b64url(signature),
        userHandle: deviation.userHandle ?? this.#userHandle,
      },
      clientExtensionResults: {},
      authenticatorAttachment: 'platform',
    }
  }
}
