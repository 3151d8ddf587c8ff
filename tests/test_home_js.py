import re

from odoo.addons.web.tests.test_js import unit_test_error_checker
from odoo.tests import HttpCase, tagged

# The Hoot suite of the home's component (static/tests/performance_home.test.js),
# alone: its file tags every test "hr_performance_home".
HOOT_URL = (
    "/web/tests?headless&loglevel=2&preset=desktop&timeout=15000"
    "&tag=hr_performance_home"
)


@tagged("post_install", "-at_install")
class TestHomeJs(HttpCase):
    def test_home_unit_tests(self):
        # The browser's console goes to this module's logger: read it to check
        # that the filter did select the home's tests (an empty run succeeds).
        with self.assertLogs(__name__, level="INFO") as logs:
            self.browser_js(
                HOOT_URL,
                "",
                "",
                login="admin",
                timeout=600,
                success_signal="[HOOT] test suite succeeded",
                error_checker=unit_test_error_checker,
            )
        passed = [
            int(match.group(1))
            for line in logs.output
            for match in [re.search(r"\[HOOT\] passed (\d+) tests", line)]
            if match
        ]
        self.assertEqual(passed, [8], "the home's Hoot tests did not all run")
