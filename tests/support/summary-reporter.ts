// Prints every skipped test by name (e.g. real-data suites in a clone without ../shared/datasets), then a plain
// "N passed, N failed, N skipped" line at the end of a run: the closing line CI reads.
import type { Reporter, TestModule } from 'vitest/node';

export default class SummaryReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>, unhandledErrors: ReadonlyArray<unknown>): void {
    let passed = 0;
    let failed = unhandledErrors.length;
    const skipped: string[] = [];
    for (const mod of testModules) {
      let failedHere = 0;
      for (const t of mod.children.allTests()) {
        const state = t.result().state;
        if (state === 'passed') passed++;
        else if (state === 'failed') failedHere++;
        else skipped.push(`${mod.moduleId.replace(process.cwd() + '/', '')} > ${t.fullName}`);
      }
      // A module that failed with no failed test (an import error, a failing beforeAll that left its tests
      // unrun) must still count as a failure.
      failed += failedHere === 0 && mod.state() === 'failed' ? 1 : failedHere;
    }
    if (skipped.length > 0)
      process.stdout.write(`\nSkipped (${skipped.length}):\n${skipped.map((s) => `  - ${s}`).join('\n')}\n`);
    process.stdout.write(`\n${passed} passed, ${failed} failed, ${skipped.length} skipped\n`);
  }
}
