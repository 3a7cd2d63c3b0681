import { lazy, Suspense, useSyncExternalStore } from 'react'
import { useAuthSession } from '../../../auth'

const StepUpForm = lazy(async () => ({ default: (await import('./step-up-form')).StepUpForm }))

/**
 * Asks the signed-in person to confirm it is them when a request needs a recent sign-in
 * (`401 reauthentication_required`): one dialog for every request waiting, gone as soon as any
 * tab has confirmed. Mount once, inside `AuthProvider` and `I18nProvider`.
 *
 * @example
 * <AuthProvider session={session}><StepUpDialog /><App /></AuthProvider>
 */
export function StepUpDialog() {
  const session = useAuthSession()
  const prompt = useSyncExternalStore(session.stepUp.subscribe, session.stepUp.prompt)
  // A new prompt is a new form: nothing typed for the last one is kept.
  return prompt ? (
    <Suspense fallback={null}>
      <StepUpForm key={prompt.id} prompt={prompt} />
    </Suspense>
  ) : null
}
