import { useMutation, useQueryClient } from '@tanstack/react-query'
import { useLabI18n } from '../lab-i18n'
import { labKeys } from '../api/get-lab-config'
import { NoCurrentSessionError } from '../api/revoke-current-session'
import { ServerClockAheadError } from '../experiments'

/**
 * Runs an experiment, one at a time, and keeps its failure to show. `run(task, onDone)` hands
 * the task's result to `onDone`; a failure is shown instead.
 */
export function useExperimentRun() {
  const { t } = useLabI18n()
  const queryClient = useQueryClient()
  const mutation = useMutation({
    mutationFn: (task: () => Promise<void>) => task(),
    // Experiments bend the backend: the controls and counters should show it at once.
    onSettled: () => void queryClient.invalidateQueries({ queryKey: labKeys.all }),
  })
  const { error } = mutation
  return {
    running: mutation.isPending,
    // Known causes in the page's language; anything else is a plain failure, never an English
    // message from a library.
    error:
      error === null
        ? null
        : error instanceof ServerClockAheadError
          ? t.lab.experiments.clockAhead
          : error instanceof NoCurrentSessionError
            ? t.lab.experiments.noCurrentSession
            : t.lab.experiments.failed,
    run<T>(task: () => Promise<T>, onDone: (value: T) => void): void {
      mutation.mutate(async () => onDone(await task()))
    },
  }
}
