import { render, screen, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it } from 'vitest'
import { StepUpCancelledError } from '../auth'
import { I18nProvider } from '../i18n/i18n-provider'
import { ConfirmedAction } from './confirmed-action'

function renderAction(failure: Error) {
  render(
    <I18nProvider locale="en">
      <ConfirmedAction
        label="End it"
        question="End it?"
        explanation="It ends."
        failureMessage="We could not end it."
        action={() => Promise.reject(failure)}
      />
    </I18nProvider>,
  )
}

async function confirmTheAction() {
  await userEvent.click(screen.getByRole('button', { name: 'End it' }))
  const dialog = screen.getByRole('dialog', { name: 'End it?' })
  await userEvent.click(within(dialog).getByRole('button', { name: 'End it' }))
}

describe('ConfirmedAction', () => {
  it('keeps its dialog open and says so when the action fails', async () => {
    renderAction(new Error('offline'))
    await confirmTheAction()
    expect(await screen.findByText('We could not end it.')).toBeVisible()
    expect(screen.getByRole('dialog', { name: 'End it?' })).toBeVisible()
  })

  it('closes without a word of failure when the person cancels confirming who they are', async () => {
    renderAction(new StepUpCancelledError())
    await confirmTheAction()
    expect(await screen.findByRole('button', { name: 'End it' })).toHaveFocus()
    expect(screen.queryByRole('dialog')).toBeNull()
    expect(screen.queryByText('We could not end it.')).toBeNull()
  })
})
