from odoo.tests import HttpCase, tagged

from .common import HrPerformanceCase


@tagged("post_install", "-at_install")
class TestUi(HttpCase, HrPerformanceCase):
    def test_login_page(self):
        response = self.url_open("/web/login")
        self.assertEqual(response.status_code, 200)

    def test_manager_opens_performance_app(self):
        # The tour clicks the app on the home menu and finds the manager's report.
        self.start_tour("/odoo", "hr_performance_open_app", login="perf_manager")
