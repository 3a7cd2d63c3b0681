import { render, screen } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { I18nProvider } from '../i18n/i18n-provider'
import { Moment } from './moment'

const now = Date.parse('2026-03-01T12:00:00Z')
const minutesFromNow = (minutes: number) => new Date(now + minutes * 60_000).toISOString()

function renderMoment(iso: string, happened: boolean) {
  render(
    <I18nProvider locale="en">
      <Moment iso={iso} now={now} happened={happened} />
    </I18nProvider>,
  )
  return screen.getByText(/./, { selector: 'time' })
}

describe('Moment', () => {
  it('says when something happened, with the exact time for a machine and a tooltip', () => {
    const iso = minutesFromNow(-5)
    const time = renderMoment(iso, true)
    expect(time).toHaveTextContent('5 minutes ago')
    expect(time).toHaveAttribute('datetime', iso)
    expect(time.title).toMatch(/2026/)
  })

  it('says "just now" for something that happened by a server clock running ahead', () => {
    expect(renderMoment(minutesFromNow(7), true)).toHaveTextContent('just now')
  })

  it('says when something is coming', () => {
    expect(renderMoment(minutesFromNow(7), false)).toHaveTextContent('in 7 minutes')
  })
})
