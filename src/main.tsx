import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { RouterProvider } from 'react-router-dom'
import { AppProvider } from './app/provider'
import { router } from './app/router'
import { mockMode } from './lib/env'
import './styles.css'

async function startMockWorker(): Promise<void> {
  // The only place src reaches into the mocks, and only in worker mode, so other builds omit them.
  const { worker } = await import('../mocks/browser')
  await worker.start({ onUnhandledRequest: 'bypass', quiet: true })
}

async function boot(): Promise<void> {
  if (mockMode === 'worker') await startMockWorker()
  const root = document.getElementById('root')
  if (!root) throw new Error('index.html has no #root element')
  createRoot(root).render(
    <StrictMode>
      <AppProvider>
        <RouterProvider router={router} />
      </AppProvider>
    </StrictMode>,
  )
}

void boot()
