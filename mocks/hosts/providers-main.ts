import { parseArgs } from 'node:util'
import { startProvidersServer } from './providers-server.ts'

/**
 * `npm run providers [-- --port 9090 --host 127.0.0.1 --app-origin http://localhost:5173]`: the
 * mock providers on their own port. `PORT` and `REEL_APP_ORIGINS` (comma-separated) work too.
 */

const { values } = parseArgs({
  options: {
    port: { type: 'string' },
    host: { type: 'string', default: '127.0.0.1' },
    'app-origin': { type: 'string', multiple: true },
  },
})

const port = Number(values.port ?? process.env['PORT'] ?? 9090)
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  throw new Error(`Not a port: ${values.port ?? process.env['PORT']}`)
}
const appOrigins = values['app-origin'] ??
  process.env['REEL_APP_ORIGINS']?.split(',').filter(Boolean) ?? [
    'http://localhost:5173',
    'http://127.0.0.1:5173',
  ]

const { origin } = await startProvidersServer({ port, host: values.host, appOrigins })
console.log(`Mock OAuth providers at ${origin}/api/oauth/{google,kakao,naver}/`)
console.log(`Redirects allowed to the callbacks of: ${appOrigins.join(', ')}`)
console.log(`Point Reel's mock backend at them with REEL_OAUTH_PROVIDERS_URL=${origin}`)
