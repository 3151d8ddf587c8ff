"""Read-only routes (issue 18, item 1): with a read replica configured
(``--db_replica_host``), Odoo 18 serves a route from it when the route's
``readonly`` says so. The addon's GET routes only read and say so; its POST
routes do not; and the page after a POST is read from the primary, so that
it shows the user their own change (``controllers/readonly.py``)."""

import re
from contextlib import contextmanager
from unittest.mock import patch

import odoo.http
from odoo.tests import HttpCase, tagged

from ..controllers import readonly
from .common import HrPerformanceCase


def addon_rules(env):
    """The routing rules of the addon's controllers: defined in the addon, or
    under its URLs."""
    return [
        rule
        for rule in env["ir.http"].routing_map().iter_rules()
        if rule.endpoint.original_endpoint.__module__.startswith(
            "odoo.addons.hr_performance."
        )
        or rule.rule.startswith(readonly.ROUTE_PREFIXES)
    ]


@tagged("post_install", "-at_install")
class TestReadonlyRoutes(HttpCase, HrPerformanceCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._add_portal_employee()
        cls.goal = cls._goal(
            name="Answer every ticket within a day",
            employee_id=cls.emp_portal.id,
            progress_mode="manual",
        )
        cls.checkin = cls.env["hr.performance.checkin"].create(
            {"employee_id": cls.emp_portal.id}
        )

    # ------------------------------------------------------------------ the flags

    def test_every_get_route_reads_from_the_replica_and_no_post_does(self):
        rules = addon_rules(self.env)
        self.assertGreaterEqual(len(rules), 10, "the portal and the exports")
        for rule in rules:
            with self.subTest(route=rule.rule):
                self.assertTrue(
                    rule.rule.startswith(readonly.ROUTE_PREFIXES),
                    "under the URLs whose POSTs stamp the session",
                )
                methods = rule.endpoint.routing["methods"]
                flag = rule.endpoint.routing["readonly"]
                self.assertIn(methods, (["GET"], ["POST"]), "one verb per route")
                if methods == ["GET"]:
                    self.assertIs(flag, readonly.read_only_unless_just_written)
                else:
                    self.assertIs(flag, False)

    # ------------------------------------------------------------------ requests

    @contextmanager
    def _cursor_modes(self):
        """Yield a list that receives, for each request served, (method,
        path, query string, readonly) as Odoo decided it."""
        seen = []
        transactioning = odoo.http.Request._transactioning

        def spy(request, func, readonly):
            httprequest = request.httprequest
            seen.append(
                (
                    httprequest.method,
                    httprequest.path,
                    httprequest.query_string.decode(),
                    readonly,
                )
            )
            return transactioning(request, func, readonly)

        with patch.object(odoo.http.Request, "_transactioning", spy):
            yield seen

    def _token(self, url):
        page = self.url_open(url)
        self.assertEqual(page.status_code, 200, url)
        return re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)

    def test_pages_read_from_the_replica_until_the_user_writes(self):
        self.authenticate(self.user_portal.login, self.user_portal.login)
        url = f"/my/performance/goals/{self.goal.id}"
        with self._cursor_modes() as seen, self.assertNoLogs("odoo.http", "WARNING"):
            token = self._token(url)
            self.assertEqual(self.url_open("/my/performance").status_code, 200)
        # Each page ran on a read-only cursor (the test cursor refuses any
        # write then, and Odoo would log a retry).
        self.assertEqual(
            [(method, path, ro) for method, path, _query, ro in seen],
            [("GET", url, True), ("GET", "/my/performance", True)],
        )
        with self._cursor_modes() as seen:
            response = self.url_open(
                url + "/update", data={"csrf_token": token, "progress": "64"}
            )
            again = self.url_open(url)
        self.assertEqual(
            [(method, path, query, ro) for method, path, query, ro in seen],
            [
                ("POST", url + "/update", "", False),
                # The page the POST redirects to: on the primary.
                ("GET", url, "message=saved", False),
                # And the next pages, for a few seconds: the user's own write
                # may not have reached the replica yet.
                ("GET", url, "", False),
            ],
        )
        self.assertIn("64", response.text)
        self.assertEqual(self.goal.progress, 64)
        self.assertIn("64", again.text)
        # Once the few seconds have passed, back to the replica.
        with self._cursor_modes() as seen, patch.object(readonly, "STICKY_SECONDS", 0):
            self.url_open(url)
        self.assertEqual(seen[-1][3], True)

    def test_a_post_without_a_marker_still_shows_its_change(self):
        """Adding an agenda topic redirects to the plain check-in page: the
        session's stamp keeps it on the primary."""
        self.authenticate(self.user_portal.login, self.user_portal.login)
        url = f"/my/performance/checkins/{self.checkin.id}"
        token = self._token(url)
        with self._cursor_modes() as seen:
            page = self.url_open(
                url + "/items", data={"csrf_token": token, "name": "Conference budget"}
            )
        self.assertEqual(
            [(method, path, ro) for method, path, _query, ro in seen],
            [("POST", url + "/items", False), ("GET", url, False)],
        )
        self.assertIn("Conference budget", page.text)

    def test_exports_read_from_the_replica(self):
        self.authenticate(self.user_officer.login, self.user_officer.login)
        with self._cursor_modes() as seen, self.assertNoLogs("odoo.http", "WARNING"):
            response = self.url_open("/hr_performance/export/health")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(seen[-1][1:], ("/hr_performance/export/health", "", True))
