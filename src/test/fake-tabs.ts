import type { ChannelLike, LockManagerLike } from '../auth'

/**
 * Stand-ins for the Web Locks API and BroadcastChannel shared by several sessions in one test,
 * as tabs of one origin share them in a browser. Messages are delivered asynchronously and in
 * order, never to the sender, like a real BroadcastChannel.
 */
export function createFakeTabsEnvironment() {
  let tail: Promise<unknown> = Promise.resolve()
  const locks: LockManagerLike = {
    request<T>(
      _name: string,
      _options: unknown,
      callback: (lock: unknown) => Promise<T>,
    ): Promise<T> {
      const run = tail.then(callback)
      tail = run.catch(() => undefined)
      return run
    },
  }

  const members = new Set<FakeChannel>()
  class FakeChannel implements ChannelLike {
    private listeners = new Set<(event: MessageEvent) => void>()
    constructor() {
      members.add(this)
    }
    postMessage(message: unknown): void {
      for (const member of members) {
        if (member === this) continue
        queueMicrotask(() => {
          for (const listener of member.listeners)
            listener(new MessageEvent('message', { data: message }))
        })
      }
    }
    addEventListener(_type: 'message', listener: (event: MessageEvent) => void): void {
      this.listeners.add(listener)
    }
    removeEventListener(_type: 'message', listener: (event: MessageEvent) => void): void {
      this.listeners.delete(listener)
    }
    close(): void {
      members.delete(this)
    }
  }

  return { locks, openChannel: (): ChannelLike => new FakeChannel() }
}
