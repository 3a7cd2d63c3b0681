"""Django's test runner, also writing a summary in the shape scripts/summarise-reports.mjs reads."""
import json
import os
from pathlib import Path

from django.test.runner import DiscoverRunner


class ReportingRunner(DiscoverRunner):
    def run_suite(self, suite, **kwargs):
        result = super().run_suite(suite, **kwargs)
        report = os.environ.get("REEL_TEST_REPORT")
        if report:
            failed = len(result.failures) + len(result.errors) + len(result.unexpectedSuccesses)
            skipped = len(result.skipped)
            Path(report).parent.mkdir(parents=True, exist_ok=True)
            Path(report).write_text(
                json.dumps(
                    {
                        "numTotalTests": result.testsRun,
                        "numPassedTests": result.testsRun - failed - skipped,
                        "numFailedTests": failed,
                        "numPendingTests": skipped,
                    }
                )
            )
        return result
