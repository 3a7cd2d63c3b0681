import { DeviceList } from '../../features/sessions/components/device-list'
import { SignOutEverywhere } from '../../features/sessions/components/sign-out-everywhere'
import { SignOutOthers } from '../../features/sessions/components/sign-out-others'
import { useI18n } from '../../i18n/i18n-provider'
import { useDocumentTitle } from '../use-document-title'

export function DevicesRoute() {
  useDocumentTitle((t) => t.devices.title)
  const { t } = useI18n()
  return (
    <>
      <div className="page-heading">
        <h1>{t.devices.heading}</h1>
        <p className="muted">{t.devices.lead}</p>
      </div>
      <DeviceList />
      <section className="danger-zone" aria-labelledby="others-heading">
        <h2 id="others-heading">{t.devices.othersHeading}</h2>
        <p className="muted">{t.devices.othersLead}</p>
        <SignOutOthers />
      </section>
      <section className="danger-zone" aria-labelledby="everywhere-heading">
        <h2 id="everywhere-heading">{t.devices.everywhereHeading}</h2>
        <p className="muted">{t.devices.everywhereLead}</p>
        <SignOutEverywhere />
      </section>
    </>
  )
}
