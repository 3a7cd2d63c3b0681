import {
  generateAuthenticationOptions,
  generateRegistrationOptions,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
  type AuthenticatorTransportFuture,
} from '@simplewebauthn/server'
import { decodeClientDataJSON, isoBase64URL } from '@simplewebauthn/server/helpers'
import { z } from 'zod'
import { randomToken } from './crypto.ts'
import { db, serverNow, type PasskeyRecord, type UserRecord } from './db.ts'

/**
 * The mock's relying party: WebAuthn through SimpleWebAuthn, with challenges kept server-side,
 * each used once. The rp id is the host name and the expected origin is the origin of the
 * request as this host sees it, the same origin the CSRF check compares with. (A real server
 * takes both from its configuration, never from the request.)
 */

const RP_NAME = 'Reel'
/** ES256 and RS256, as the contract lists them. */
const ALGORITHMS = [-7, -257]

/** The outline of a WebAuthn response and its ceremony's fields; the library checks the rest. */
const responseShape = <Response extends z.ZodRawShape>(response: Response) =>
  z.looseObject({
    id: z.string().min(1),
    rawId: z.string().min(1),
    type: z.literal('public-key'),
    response: z.looseObject({ clientDataJSON: z.string().min(1), ...response }),
    clientExtensionResults: z.record(z.string(), z.unknown()),
  })

const registrationShapeSchema = responseShape({ attestationObject: z.string().min(1) })
const assertionShapeSchema = responseShape({
  authenticatorData: z.string().min(1),
  signature: z.string().min(1),
})

export type PasskeyVerdict<T> = ({ ok: true } & T) | { ok: false; detail: string }

function relyingParty(request: Request) {
  const { origin, hostname } = new URL(request.url)
  return { origin, rpID: hostname }
}

function userHandleOf(user: UserRecord): string {
  let handle = db.passkeyUserHandles.get(user.id)
  if (!handle) {
    handle = randomToken(32)
    db.passkeyUserHandles.set(user.id, handle)
  }
  return handle
}

export function passkeysOf(userId: string): PasskeyRecord[] {
  return [...db.passkeys.values()]
    .filter((passkey) => passkey.userId === userId)
    .sort((a, b) => b.createdAt - a.createdAt)
}

/** The public shape of a passkey (`Passkey` in the contract). */
export function toPasskeyDto(passkey: PasskeyRecord) {
  return {
    id: passkey.id,
    name: passkey.name,
    createdAt: new Date(passkey.createdAt).toISOString(),
    lastUsedAt: passkey.lastUsedAt === null ? null : new Date(passkey.lastUsedAt).toISOString(),
    backedUp: passkey.backedUp,
  }
}

/**
 * Takes the challenge a response answers out of the store: it is spent whether or not the
 * response then verifies. Null when it is unknown, used, expired or of another ceremony or user.
 */
function spendChallenge(
  clientDataJSON: string,
  ceremony: 'registration' | 'authentication',
  userId: string | null,
): string | null {
  let challenge: string
  try {
    challenge = decodeClientDataJSON(clientDataJSON).challenge
  } catch {
    return null
  }
  const record = db.passkeyChallenges.get(challenge)
  db.passkeyChallenges.delete(challenge)
  if (!record || record.ceremony !== ceremony) return null
  return record.userId === userId ? challenge : null
}

export async function registrationOptions(user: UserRecord, request: Request) {
  const { rpID } = relyingParty(request)
  const options = await generateRegistrationOptions({
    rpName: RP_NAME,
    rpID,
    userID: isoBase64URL.toBuffer(userHandleOf(user)),
    userName: user.username,
    userDisplayName: user.displayName,
    attestationType: 'none',
    excludeCredentials: passkeysOf(user.id).map((passkey) => ({
      id: passkey.id,
      transports: passkey.transports as AuthenticatorTransportFuture[],
    })),
    authenticatorSelection: { residentKey: 'required', userVerification: 'required' },
    supportedAlgorithmIDs: ALGORITHMS,
  })
  db.passkeyChallenges.set(options.challenge, { ceremony: 'registration', userId: user.id })
  return options
}

/** What both ceremonies ask of a response to `request`: its challenge, origin and relying party. */
function expectedOf(challenge: string, request: Request) {
  const { origin, rpID } = relyingParty(request)
  return {
    expectedChallenge: challenge,
    expectedOrigin: origin,
    expectedRPID: rpID,
    requireUserVerification: true,
  }
}

/** The library's verification, or, when it throws, a refusal that says why. */
async function settled<T>(
  verification: Promise<T>,
): Promise<{ ok: true; value: T } | { ok: false; detail: string }> {
  try {
    return { ok: true, value: await verification }
  } catch (error) {
    return { ok: false, detail: error instanceof Error ? error.message : 'It does not verify.' }
  }
}

export async function registerPasskey(
  user: UserRecord,
  credential: unknown,
  name: string | undefined,
  request: Request,
): Promise<PasskeyVerdict<{ passkey: PasskeyRecord }>> {
  const shape = registrationShapeSchema.safeParse(credential)
  if (!shape.success) return { ok: false, detail: 'The response is not a registration.' }
  const challenge = spendChallenge(shape.data.response.clientDataJSON, 'registration', user.id)
  if (!challenge) return { ok: false, detail: 'The challenge is unknown, used or expired.' }
  const outcome = await settled(
    verifyRegistrationResponse({
      response: shape.data,
      ...expectedOf(challenge, request),
      supportedAlgorithmIDs: ALGORITHMS,
    }),
  )
  if (!outcome.ok) return outcome
  const verification = outcome.value
  const info = verification.registrationInfo
  if (!verification.verified || !info) return { ok: false, detail: 'It does not verify.' }
  if (db.passkeys.has(info.credential.id)) {
    return { ok: false, detail: 'This passkey is registered already.' }
  }
  const passkey: PasskeyRecord = {
    id: info.credential.id,
    userId: user.id,
    name: name ?? 'Passkey',
    publicKey: new Uint8Array(info.credential.publicKey),
    counter: info.credential.counter,
    transports: info.credential.transports ?? [],
    backedUp: info.credentialBackedUp,
    createdAt: serverNow(),
    lastUsedAt: null,
  }
  db.passkeys.set(passkey.id, passkey)
  return { ok: true, passkey }
}

export async function authenticationOptions(request: Request) {
  const { rpID } = relyingParty(request)
  // No allowCredentials: the passkey is discoverable, and the user is whoever it belongs to.
  const options = await generateAuthenticationOptions({ rpID, userVerification: 'required' })
  db.passkeyChallenges.set(options.challenge, { ceremony: 'authentication', userId: null })
  return { ...options, allowCredentials: [] }
}

/**
 * Verifies a passkey assertion, and on success records its use. `expectedUser` (for
 * re-authentication) refuses a passkey of anyone else.
 */
export async function verifyPasskeyAssertion(
  credential: unknown,
  request: Request,
  expectedUser: UserRecord | null = null,
): Promise<PasskeyVerdict<{ passkey: PasskeyRecord; user: UserRecord }>> {
  const shape = assertionShapeSchema.safeParse(credential)
  if (!shape.success) return { ok: false, detail: 'The response is not an assertion.' }
  const challenge = spendChallenge(shape.data.response.clientDataJSON, 'authentication', null)
  if (!challenge) return { ok: false, detail: 'The challenge is unknown, used or expired.' }
  const passkey = db.passkeys.get(shape.data.id)
  const user = passkey && db.users.get(passkey.userId)
  if (!passkey || !user) return { ok: false, detail: 'The passkey is unknown.' }
  // The handle the authenticator stored at registration must name the passkey's own user.
  const { userHandle } = shape.data.response
  if (userHandle != null && userHandle !== userHandleOf(user)) {
    return { ok: false, detail: 'The user handle is not the passkey’s user.' }
  }
  if (expectedUser && user !== expectedUser) {
    return { ok: false, detail: 'The passkey belongs to another account.' }
  }
  const outcome = await settled(
    verifyAuthenticationResponse({
      response: shape.data,
      ...expectedOf(challenge, request),
      // The counter is judged below: the library also refuses a counter that stopped at 0 or
      // stayed equal, which synced passkeys do.
      credential: { id: passkey.id, publicKey: passkey.publicKey, counter: 0 },
    }),
  )
  if (!outcome.ok) return outcome
  const verification = outcome.value
  const { newCounter, credentialBackedUp } = verification.authenticationInfo
  if (!verification.verified) return { ok: false, detail: 'It does not verify.' }
  // A counter that does not move forward means a cloned authenticator (WebAuthn §6.1.1),
  // judged only when both ends keep one.
  if (passkey.counter > 0 && newCounter > 0 && newCounter <= passkey.counter) {
    return { ok: false, detail: 'The signature counter went backwards.' }
  }
  passkey.counter = newCounter
  passkey.backedUp = credentialBackedUp
  passkey.lastUsedAt = serverNow()
  return { ok: true, passkey, user }
}
