// First: it must run before any module builds a schema.
import './lib/zod-without-eval'
import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { BrowserRouter } from 'react-router-dom'
import { AppProvider } from './app/provider'
import { AppRoutes, prefetchPageData } from './app/router'
import './styles.css'

/** False when the page is the mock backend's own (a provider's consent page), not the app. */
async function startMockWorker(): Promise<boolean> {
  // The only place src reaches into the mocks, and only in worker mode, so other builds omit them.
  const { startWorkerHost } = await import('../mocks/hosts/browser')
  return startWorkerHost()
}

async function boot(): Promise<void> {
  // Compared with the build-time constant itself, so the bundler drops the worker-mode mocks
  // from every other build.
  if (import.meta.env.VITE_MOCK_MODE === 'worker' && !(await startMockWorker())) return
  const root = document.getElementById('root')
  if (!root) throw new Error('index.html has no #root element')
  createRoot(root).render(
    <StrictMode>
      <AppProvider prefetchPageData={prefetchPageData}>
        <BrowserRouter>
          <AppRoutes />
        </BrowserRouter>
      </AppProvider>
    </StrictMode>,
  )
}

void boot()
