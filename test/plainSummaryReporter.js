// Ends every jest run with one plain line, `N passed, N failed, N skipped`, that any CI can
// read without knowing jest's own summary format. Printed at exit, after jest's summary, so
// it is the closing line.
class PlainSummaryReporter {
  onRunComplete(_contexts, results) {
    const skipped = results.numPendingTests + results.numTodoTests;
    const line = `tests: ${results.numPassedTests} passed, ${results.numFailedTests} failed, ${skipped} skipped\n`;
    process.once('exit', () => process.stderr.write(line));
  }
}
module.exports = PlainSummaryReporter;
