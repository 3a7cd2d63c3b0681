import { lazy, Suspense } from 'react'
import { useAuthSession } from '../../auth'
import { BackendControls } from '../../features/lab/components/backend-controls'
import { Experiments } from '../../features/lab/components/experiments'
import { Timeline } from '../../features/lab/components/timeline'
import '../../features/lab/lab.css'
import { useLabI18n } from '../../features/lab/lab-i18n'
import { useDocumentTitle } from '../use-document-title'

// jose comes with the inspector alone, in a chunk of its own: the rest of the lab needs none of it.
const JwtInspector = lazy(() =>
  import('../../features/lab/components/jwt-inspector').then((module) => ({
    default: module.JwtInspector,
  })),
)

/** The lab: watch the token lifecycle live, bend the mock backend, and take the JWT apart. */
export function LabRoute() {
  useDocumentTitle((t) => t.nav.lab)
  const session = useAuthSession()
  const { t } = useLabI18n()
  return (
    <div className="lab">
      <div className="page-heading">
        <h1>{t.nav.lab}</h1>
        <p className="muted">{t.lab.lead}</p>
      </div>
      <Timeline session={session} />
      <div className="lab-columns">
        <BackendControls />
        <Experiments session={session} />
      </div>
      <Suspense
        fallback={
          <section className="lab-panel" aria-busy="true">
            <h2>{t.lab.jwtInspector}</h2>
            <p className="muted">{t.lab.loadingPanel}</p>
          </section>
        }
      >
        <JwtInspector session={session} />
      </Suspense>
    </div>
  )
}
