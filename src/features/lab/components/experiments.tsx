import type { AuthSession } from '../../../auth'
import { useLabI18n } from '../lab-i18n'
import { BurstExperiment } from './burst-experiment'
import { OfflineExperiment } from './offline-experiment'
import { OpenTabsExperiment } from './open-tabs-experiment'
import { RevokeExperiment } from './revoke-experiment'

/** Buttons that break things on purpose, each with its numbers beside the ideal ones. */
export function Experiments({ session }: { session: AuthSession }) {
  const { t } = useLabI18n()
  return (
    <section className="lab-panel" aria-labelledby="experiments-heading">
      <h2 id="experiments-heading">{t.lab.experiments.heading}</h2>
      <div className="lab-experiments">
        <BurstExperiment session={session} />
        <OpenTabsExperiment />
        <OfflineExperiment session={session} />
        <RevokeExperiment session={session} />
      </div>
    </section>
  )
}
