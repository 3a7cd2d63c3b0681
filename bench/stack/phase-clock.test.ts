import { expect, it } from 'vitest'
import { phaseClock } from './phase-clock'

it('gives each phase the time since the last lap, adding up a phase that ran twice', () => {
  let now = 0
  const clock = phaseClock(() => now)
  now = 2000
  clock.lap('boot')
  now = 2500
  clock.lap('stack')
  now = 4000
  clock.lap('boot')
  expect(clock.laps()).toEqual({ boot: 3.5, stack: 0.5 })
})
