import { DeviceList } from '../../features/sessions/components/device-list'
import { SignOutEverywhere } from '../../features/sessions/components/sign-out-everywhere'
import { useDocumentTitle } from '../use-document-title'

export function DevicesRoute() {
  useDocumentTitle('Devices')
  return (
    <>
      <div className="page-heading">
        <h1>Signed-in devices</h1>
        <p className="muted">
          Where your account is signed in. Sign out any device you do not recognise or no longer
          use.
        </p>
      </div>
      <DeviceList />
      <section className="danger-zone" aria-labelledby="everywhere-heading">
        <h2 id="everywhere-heading">Sign out everywhere</h2>
        <p className="muted">
          Lost a device, or signed in somewhere you should not have? End every session at once,
          including this one.
        </p>
        <SignOutEverywhere />
      </section>
    </>
  )
}
