import type { Reporter, SerializedError, TestModule } from 'vitest/node'

/**
 * Ends the run with one plain line, "N passed, N failed, N skipped", that any CI log reader can
 * understand without knowing vitest's own output.
 */
export default class SummaryReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>, errors: ReadonlyArray<SerializedError>): void {
    const counts = { passed: 0, failed: 0, skipped: 0 }
    // A suite whose setup failed has no failed tests of its own: count the suites (and stray errors).
    let failedSuites = errors.length
    for (const module of testModules) {
      if (module.state() === 'failed' || [...module.children.allSuites()].some((s) => s.state() === 'failed'))
        failedSuites++
      for (const test of module.children.allTests()) {
        const state = test.result().state
        if (state === 'passed') counts.passed++
        else if (state === 'failed') counts.failed++
        else counts.skipped++
      }
    }
    const suites = failedSuites > 0 ? `, ${failedSuites} failed suite(s) or errors` : ''
    process.stdout.write(
      `\n${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped${suites}\n`,
    )
  }
}
