from datetime import timedelta

from odoo import fields
from odoo.tests import HttpCase, tagged

from .common import HrPerformanceCase


@tagged("post_install", "-at_install")
class TestKpiTour(HttpCase, HrPerformanceCase):
    def test_hr_defines_a_kpi_cascades_it_and_refreshes(self):
        """HR defines a KPI, cascades it to two people as data goals,
        refreshes one and sees its progress."""
        today = fields.Date.today()
        goal = self.env["hr.performance.goal"].create(
            {
                "name": "Grow the address book",
                "scope": "department",
                "department_id": self.department.id,
                "date_start": today - timedelta(days=30),
                "date_deadline": today + timedelta(days=60),
                "state": "active",
            }
        )
        # sudo keeps the uid: Pablo created these two contacts
        self.env["res.partner"].with_user(self.user_peer).sudo().create(
            [{"name": "Contact A"}, {"name": "Contact B"}]
        )
        self.start_tour("/odoo", "hr_performance_kpi_define", login="perf_officer")
        kpi = self.env["hr.performance.kpi"].search([("name", "=", "Contacts created")])
        self.assertEqual(kpi.model_name, "res.partner")
        self.assertEqual(kpi.owner_field_id.name, "create_uid")
        self.assertEqual(kpi.date_field_id.name, "create_date")

        self.start_tour("/odoo", "hr_performance_kpi_cascade", login="perf_officer")
        children = goal.child_ids
        self.assertEqual(children.employee_id, self.emp_employee | self.emp_peer)
        self.assertEqual(set(children.mapped("progress_mode")), {"data"})
        pablo = children.filtered(lambda g: g.employee_id == self.emp_peer)
        self.assertEqual(pablo.current_value, 2)
        self.assertAlmostEqual(pablo.progress, 40)
        self.assertEqual(len(pablo.update_ids), 1)
