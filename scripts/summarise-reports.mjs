// Prints "N passed, N failed" summed over Vitest's and Playwright's JSON reports. A report that
// is missing counts as one failure: its runner never started (an earlier step failed, or its
// server did not come up), and a run that tested nothing must not read as a clean one. Exits 1
// when anything failed.
import { existsSync, readFileSync } from 'node:fs'

const counters = {
  // Vitest (Jest-compatible JSON); the Django backend's test runner writes the same keys
  numTotalTests: (r) => ({ passed: r.numPassedTests, failed: r.numFailedTests }),
  // Playwright JSON reporter; a flaky test failed at least once, so it is no pass.
  stats: (r) => ({ passed: r.stats.expected, failed: r.stats.unexpected + r.stats.flaky }),
}

let passed = 0
let failed = 0
for (const file of process.argv.slice(2)) {
  if (!existsSync(file)) {
    console.info(`${file}: missing, its tests never ran (counted as 1 failed)`)
    failed += 1
    continue
  }
  const report = JSON.parse(readFileSync(file, 'utf8'))
  const count = Object.entries(counters).find(([key]) => key in report)?.[1]
  if (!count) throw new Error(`unknown report format: ${file}`)
  const result = count(report)
  console.info(`${file}: ${result.passed} passed, ${result.failed} failed`)
  passed += result.passed
  failed += result.failed
}
console.info(`${passed} passed, ${failed} failed`)
process.exit(failed > 0 ? 1 : 0)
