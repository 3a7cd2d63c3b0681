import { act, render, screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it } from 'vitest'
import { server } from '../../mocks/hosts/node'
import { createTab, DEMO, promptShown } from '../test/auth-harness'
import { stepUpServer } from '../test/step-up-server'
import { I18nProvider } from '../i18n/i18n-provider'
import { ConfirmedAction } from './confirmed-action'

function renderAction(action: () => Promise<void>) {
  render(
    <I18nProvider locale="en">
      <ConfirmedAction
        label="End it"
        question="End it?"
        explanation="It ends."
        failureMessage="We could not end it."
        action={action}
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
    renderAction(() => Promise.reject(new Error('offline')))
    await confirmTheAction()
    expect(await screen.findByText('We could not end it.')).toBeVisible()
    expect(screen.getByRole('dialog', { name: 'End it?' })).toBeVisible()
  })

  it('closes without a word of failure when the person cancels confirming who they are', async () => {
    server.use(...stepUpServer().handlers)
    const { session, api } = createTab()
    await session.signIn(DEMO)
    // An action on a step-up endpoint: the session asks who it is, and the person cancels.
    renderAction(async () => {
      await api.post('/me/password', { newPassword: 'a-new-password-1' })
    })
    const prompt = promptShown(session)
    await confirmTheAction()
    const shown = await prompt
    act(() => shown.cancel())
    const trigger = await screen.findByRole('button', { name: 'End it' })
    // Focus goes back in an effect after the dialog has gone: a moment after the button is found.
    await waitFor(() => expect(trigger).toHaveFocus())
    expect(screen.queryByRole('dialog')).toBeNull()
    expect(screen.queryByText('We could not end it.')).toBeNull()
  })
})
