/**
 * The mock backend in a process of its own, so the clients under test and the server they talk
 * to do not share one event loop. Prints its origin as the first line of stdout.
 */
import { startMockServer } from '../mocks/hosts/http'

const { server, origin } = await startMockServer(Number(process.argv[2] ?? 0))
process.stdout.write(`${origin}\n`)
process.on('SIGTERM', () => {
  server.closeAllConnections()
  server.close(() => process.exit(0))
})
