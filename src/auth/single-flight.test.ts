// @vitest-environment node
import { describe, expect, it } from 'vitest'
import { createDeferred, type Deferred } from './deferred'
import { createSingleFlight } from './single-flight'

/** Tasks that each wait on an answer the test gives; counts how many were started. */
function answeredTasks() {
  const answers: Array<Deferred<string>> = [createDeferred(), createDeferred(), createDeferred()]
  let started = 0
  const task = (): Promise<string> => {
    const answer = answers[started++]
    if (!answer) throw new Error('more tasks started than the test expects')
    return answer.promise
  }
  return { task, answers, started: () => started }
}

describe('a single flight', () => {
  it('shares the running task with whoever calls while it runs', async () => {
    const flight = createSingleFlight<string>()
    const { task, answers, started } = answeredTasks()

    const first = flight.run(task)
    const second = flight.run(task)
    answers[0]?.resolve('token')

    expect(second).toBe(first)
    expect(await second).toBe('token')
    expect(started()).toBe(1)
  })

  it('starts a new task once the last one failed', async () => {
    const flight = createSingleFlight<string>()
    const { task, answers, started } = answeredTasks()

    const failed = flight.run(task)
    answers[0]?.reject(new Error('offline'))
    await expect(failed).rejects.toThrow('offline')
    expect(flight.isRunning()).toBe(false)

    const next = flight.run(task)
    answers[1]?.resolve('token')
    expect(await next).toBe('token')
    expect(started()).toBe(2)
  })

  it('starts a new task after it stops, and its callers still get the old one', async () => {
    const flight = createSingleFlight<string>()
    const { task, answers, started } = answeredTasks()

    const old = flight.run(task)
    flight.stop()
    expect(flight.isRunning()).toBe(false)
    const fresh = flight.run(task)
    answers[0]?.resolve('old')
    answers[1]?.resolve('fresh')

    expect(fresh).not.toBe(old)
    expect(await old).toBe('old')
    expect(await fresh).toBe('fresh')
    expect(started()).toBe(2)
  })

  it('keeps the new task as the running one when the stopped one settles after it', async () => {
    const flight = createSingleFlight<string>()
    const { task, answers, started } = answeredTasks()

    const old = flight.run(task)
    flight.stop()
    const fresh = flight.run(task)
    answers[0]?.resolve('old')
    await old

    expect(flight.isRunning()).toBe(true)
    expect(flight.current()).toBe(fresh)
    expect(flight.run(task)).toBe(fresh)
    answers[1]?.resolve('fresh')
    expect(await fresh).toBe('fresh')
    expect(started()).toBe(2)
  })
})
