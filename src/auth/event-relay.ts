import * as z from 'zod/mini'
import type { AuthEvent, AuthEventListener } from './events'
import { SIGN_OUT_REASONS } from './sign-out-reason'
import type { ChannelLike } from './cross-tab'
import type { AuthSession } from './session'
import { onFirstUse } from '../lib/on-first-use'
import { randomHexId } from '../lib/random-id'

/** The channel that carries events only; tokens travel on their own channel, never this one. */
const AUTH_EVENTS_CHANNEL = 'reel-auth-events'

/** How much history each tab keeps for a timeline that opens later. */
export const RELAY_HISTORY_LIMIT = 2000
export const RELAY_HISTORY_MS = 10 * 60_000

/**
 * The relay's messages, parsed like any untrusted input. Built when the first message arrives, not
 * when the app starts: a tab that never hears from another builds none of it.
 */
const relayMessageSchema = onFirstUse(() => {
  const text = z.string().check(z.maxLength(2048))
  const base = {
    at: z.number(),
    tabId: z.string().check(z.minLength(1), z.maxLength(64)),
    seq: z.int().check(z.nonnegative()),
  }
  const method = z.string().check(z.maxLength(16))

  /**
   * An event from another tab, parsed like any untrusted input. Objects are not strict, but zod
   * drops keys it does not know, so nothing but these fields (no token, ever) gets through.
   */
  const authEventSchema: z.ZodMiniType<AuthEvent> = z.discriminatedUnion('type', [
    z.object({ ...base, type: z.literal('refresh-started') }),
    z.object({ ...base, type: z.literal('refresh-joined') }),
    z.object({
      ...base,
      type: z.literal('refresh-succeeded'),
      durationMs: z.number().check(z.nonnegative()),
      source: z.enum(['network', 'other-tab']),
    }),
    z.object({
      ...base,
      type: z.literal('refresh-failed'),
      kind: z.enum(['session_ended', 'transient', 'rejected', 'bad_response']),
      code: z.nullable(text),
    }),
    z.object({
      ...base,
      type: z.literal('token-received'),
      expiresInMs: z.number().check(z.nonnegative()),
      source: z.enum(['network', 'other-tab']),
    }),
    z.object({ ...base, type: z.literal('request-queued'), method, url: text }),
    z.object({
      ...base,
      type: z.literal('request-replayed'),
      method,
      url: text,
      why: z.enum(['newer-token', 'after-refresh', 'after-step-up']),
    }),
    z.object({
      ...base,
      type: z.literal('request-completed'),
      method,
      url: text,
      status: z.nullable(z.int()),
      replayed: z.boolean(),
    }),
    z.object({ ...base, type: z.literal('signed-in'), userId: text }),
    z.object({ ...base, type: z.literal('signed-out'), reason: z.enum(SIGN_OUT_REASONS) }),
  ])

  return z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('event'), event: authEventSchema }),
    z.object({ kind: z.literal('history-request'), requestId: z.string().check(z.maxLength(64)) }),
    z.object({
      kind: z.literal('history'),
      requestId: z.string().check(z.maxLength(64)),
      events: z.array(authEventSchema).check(z.maxLength(RELAY_HISTORY_LIMIT)),
    }),
  ])
})

type RelayMessage = z.infer<ReturnType<typeof relayMessageSchema>>

const post = (channel: ChannelLike, message: RelayMessage) => channel.postMessage(message)

/**
 * Posts every event of this tab's session on `channel`, and keeps the last ten minutes of them
 * (at most 2,000) to answer a timeline that opens later in any tab. Returns a function that stops
 * and closes the channel.
 *
 * @example
 * const stop = relayEvents(session, new BroadcastChannel(AUTH_EVENTS_CHANNEL))
 */
export function relayEvents(session: AuthSession, channel: ChannelLike): () => void {
  const history: AuthEvent[] = []

  const unsubscribe = session.onEvent((event) => {
    history.push(event)
    while (
      history.length > RELAY_HISTORY_LIMIT ||
      (history[0] && history[0].at < event.at - RELAY_HISTORY_MS)
    ) {
      history.shift()
    }
    post(channel, { kind: 'event', event })
  })

  function onMessage(message: MessageEvent): void {
    const parsed = relayMessageSchema().safeParse(message.data)
    if (!parsed.success || parsed.data.kind !== 'history-request') return
    post(channel, { kind: 'history', requestId: parsed.data.requestId, events: [...history] })
  }
  channel.addEventListener('message', onMessage)

  return () => {
    unsubscribe()
    channel.removeEventListener('message', onMessage)
    channel.close()
  }
}

/**
 * Calls `listener` with every event of this tab's session and of every tab that relays its own
 * (see {@link relayEvents}), starting with the history those tabs kept. History and live events
 * may overlap: `tabId` with `seq` names an event, so a listener can drop what it has seen. Returns
 * a function that stops and closes the channel.
 *
 * @example
 * const stop = subscribeToAllTabs(session, new BroadcastChannel(AUTH_EVENTS_CHANNEL), draw)
 */
export function subscribeToAllTabs(
  session: AuthSession,
  channel: ChannelLike,
  listener: AuthEventListener,
): () => void {
  const requestId = randomHexId(8)

  function onMessage(message: MessageEvent): void {
    const parsed = relayMessageSchema().safeParse(message.data)
    if (!parsed.success) return
    const data = parsed.data
    // This tab's own live events come straight from its session, below.
    if (data.kind === 'event' && data.event.tabId !== session.tabId) listener(data.event)
    // Histories include this tab's (its relay answers too): that is what came before we listened.
    else if (data.kind === 'history' && data.requestId === requestId) data.events.forEach(listener)
  }

  channel.addEventListener('message', onMessage)
  const unsubscribe = session.onEvent(listener)
  post(channel, { kind: 'history-request', requestId })

  return () => {
    unsubscribe()
    channel.removeEventListener('message', onMessage)
    channel.close()
  }
}

/** A channel for events between this origin's tabs, or null where BroadcastChannel is missing. */
export function browserEventsChannel(): ChannelLike | null {
  return typeof BroadcastChannel === 'undefined' ? null : new BroadcastChannel(AUTH_EVENTS_CHANNEL)
}
