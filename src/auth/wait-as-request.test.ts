// @vitest-environment node
import { describe, expect, it } from 'vitest'
import { manualTime } from '../test/manual-time'
import { createDeadlines } from './deadlines'
import { waitAsRequest } from './wait-as-request'

const errors = { aborted: () => new Error('aborted'), timedOut: () => new Error('timed out') }

/** An abort signal that says how many listeners it holds. */
function countingSignal() {
  const listeners = new Set<() => void>()
  return {
    aborted: false,
    addEventListener(type: string, listener: () => void) {
      if (type === 'abort') listeners.add(listener)
    },
    removeEventListener(type: string, listener: () => void) {
      if (type === 'abort') listeners.delete(listener)
    },
    abort() {
      this.aborted = true
      for (const listener of [...listeners]) listener()
    },
    listeners,
  }
}

function waiting() {
  const time = manualTime(0)
  const deadlines = createDeadlines(time.timers)
  let answer: (value: string) => void = () => undefined
  const promise = new Promise<string>((resolve) => (answer = resolve))
  return { time, deadlines, promise, answer: (value: string) => answer(value) }
}

describe('waiting as the request would', () => {
  it('hands back the very promise when there is neither a signal nor a timeout', () => {
    const { deadlines, promise } = waiting()

    expect(waitAsRequest(promise, deadlines, undefined, undefined, errors)).toBe(promise)
    expect(waitAsRequest(promise, deadlines, undefined, -1, errors)).toBe(promise)
  })

  it('gives up at once on a signal aborted before it began', async () => {
    const { deadlines, promise } = waiting()
    const signal = countingSignal()
    signal.abort()

    await expect(waitAsRequest(promise, deadlines, signal, undefined, errors)).rejects.toThrow(
      'aborted',
    )
    expect(signal.listeners.size).toBe(0)
  })

  it('gives up when the signal aborts meanwhile, and lets go of the signal', async () => {
    const { deadlines, promise } = waiting()
    const signal = countingSignal()
    const waited = waitAsRequest(promise, deadlines, signal, undefined, errors)
    expect(signal.listeners.size).toBe(1)

    signal.abort()

    await expect(waited).rejects.toThrow('aborted')
    expect(signal.listeners.size).toBe(0)
  })

  it('gives up at its timeout and not before', async () => {
    const { time, deadlines, promise } = waiting()
    const outcome = waitAsRequest(promise, deadlines, undefined, 1000, errors).then(
      () => 'answered',
      (error: Error) => error.message,
    )

    time.advance(999)
    await Promise.resolve()
    time.advance(1)

    expect(await outcome).toBe('timed out')
  })

  it('takes the answer that comes in time, and lets go of the signal and the deadline', async () => {
    const { time, deadlines, promise, answer } = waiting()
    const signal = countingSignal()
    const waited = waitAsRequest(promise, deadlines, signal, 1000, errors)

    answer('token')

    await expect(waited).resolves.toBe('token')
    expect(signal.listeners.size).toBe(0)
    // The deadline was cancelled with the answer: nothing expires later.
    time.advance(1000)
    signal.abort()
    await expect(waited).resolves.toBe('token')
  })

  it('passes on the failure of what it waited for', async () => {
    const { deadlines } = waiting()
    const failed = Promise.reject(new Error('refresh failed'))

    await expect(waitAsRequest(failed, deadlines, countingSignal(), 1000, errors)).rejects.toThrow(
      'refresh failed',
    )
  })
})
