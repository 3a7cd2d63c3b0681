"""
Django's test runner, with a fast password hasher, also writing a summary in the shape
scripts/summarise-reports.mjs reads.
"""
import json
import os
from pathlib import Path

from django.test.runner import DiscoverRunner
from django.test.utils import override_settings

# Every test creates the seed users: 600,000 PBKDF2 iterations each would slow the suite down
# tenfold. reel.tests.test_passwords checks the production hasher under its own settings.
FAST_PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


class ReportingRunner(DiscoverRunner):
    def setup_test_environment(self, **kwargs):
        super().setup_test_environment(**kwargs)
        self.fast_hashers = override_settings(PASSWORD_HASHERS=FAST_PASSWORD_HASHERS)
        self.fast_hashers.enable()

    def teardown_test_environment(self, **kwargs):
        self.fast_hashers.disable()
        super().teardown_test_environment(**kwargs)

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
