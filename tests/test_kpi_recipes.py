"""README's KPI recipes, each measured on records of its app: run by
``./bin/test recipes`` on a database where the Odoo CE apps are installed
(skipped, with the reason, where an app is not)."""

from odoo import Command, fields
from odoo.tests import tagged

from ..lib.kpi import RECIPES
from .test_goal_data import DataGoalCase

# The group that lets a goal's owner read the records of each recipe.
READER_GROUPS = {
    "crm": "sales_team.group_sale_salesman",
    "sale": "sales_team.group_sale_salesman",
    "project": "project.group_project_user",
    "hr_timesheet": "hr_timesheet.group_hr_timesheet_user",
    "account": "account.group_account_invoice",
    "hr_recruitment": "hr_recruitment.group_hr_recruitment_user",
}


@tagged("post_install", "-at_install")
class TestKpiRecipes(DataGoalCase):
    """Each recipe counts the owner's records of the period that pass its
    filter, and nothing else (other people's, or records the filter leaves out)."""

    def test_recipes(self):
        installed = set(
            self.env["ir.module.module"]
            .search([("state", "=", "installed")])
            .mapped("name")
        )
        owner, other = self.user_manager, self.user_peer
        for recipe in RECIPES:
            app = recipe["app"]
            with self.subTest(app=app):
                if app not in installed:
                    self.skipTest(f"{app} is not installed in this database")
                owner.groups_id = [Command.link(self.env.ref(READER_GROUPS[app]).id)]
                expected = getattr(self, f"_records_{app}")(owner, other)
                kpi = self._kpi(
                    recipe["name"],
                    recipe["model"],
                    recipe["aggregate"],
                    field=recipe["field"],
                    date_field=recipe["date_field"],
                    owner_field=recipe["owner_field"],
                    domain=recipe["domain"],
                )
                goal = self._data_goal(kpi, self.emp_manager, target=1e9)
                goal.with_user(owner).action_refresh_data()
                self.assertFalse(goal.data_error)
                self.assertGreater(expected, 0)
                self.assertAlmostEqual(goal.current_value, expected, places=2)

    # One builder per app: the records of the owner that count, others that
    # do not, and the value expected.

    def _records_crm(self, owner, other):
        Lead = self.env["crm.lead"]
        won = Lead.create(
            [
                {
                    "name": "Won",
                    "type": "opportunity",
                    "user_id": owner.id,
                    "expected_revenue": 1200,
                },
                {
                    "name": "Won too",
                    "type": "opportunity",
                    "user_id": owner.id,
                    "expected_revenue": 300,
                },
                {
                    "name": "Someone else's",
                    "type": "opportunity",
                    "user_id": other.id,
                    "expected_revenue": 999,
                },
            ]
        )
        won.action_set_won()
        Lead.create(
            {
                "name": "Open",
                "type": "opportunity",
                "user_id": owner.id,
                "expected_revenue": 5000,
            }
        )
        return 1500

    def _product(self, price):
        return self.env["product.product"].create(
            {
                "name": f"Service at {price}",
                "type": "service",
                "list_price": price,
                "taxes_id": False,
            }
        )

    def _records_sale(self, owner, other):
        customer = self.env["res.partner"].create({"name": "Acme"})
        product = self._product(100)

        def order(user, quantity):
            return self.env["sale.order"].create(
                {
                    "partner_id": customer.id,
                    "user_id": user.id,
                    "order_line": [
                        Command.create(
                            {
                                "product_id": product.id,
                                "product_uom_qty": quantity,
                                "tax_id": False,
                            }
                        )
                    ],
                }
            )

        confirmed = order(owner, 3) | order(other, 7)
        confirmed.action_confirm()
        order(owner, 11)  # a quotation: not counted
        return 300

    def _records_project(self, owner, other):
        project = self.env["project.project"].create({"name": "Website"})
        tasks = self.env["project.task"].create(
            [
                {
                    "name": "Done",
                    "project_id": project.id,
                    "user_ids": [Command.set(owner.ids)],
                },
                {
                    "name": "Done together",
                    "project_id": project.id,
                    "user_ids": [Command.set((owner | other).ids)],
                },
                {
                    "name": "Done by another",
                    "project_id": project.id,
                    "user_ids": [Command.set(other.ids)],
                },
                {
                    "name": "Open",
                    "project_id": project.id,
                    "user_ids": [Command.set(owner.ids)],
                },
            ]
        )
        tasks[:3].write({"state": "1_done"})
        return 2

    def _records_hr_timesheet(self, owner, other):
        project = self.env["project.project"].create(
            {"name": "Support", "allow_timesheets": True}
        )
        today = fields.Date.context_today(project)
        self.env["account.analytic.line"].create(
            [
                {
                    "name": "Calls",
                    "project_id": project.id,
                    "employee_id": self.emp_manager.id,
                    "unit_amount": 2.5,
                    "date": today,
                },
                {
                    "name": "Mails",
                    "project_id": project.id,
                    "employee_id": self.emp_manager.id,
                    "unit_amount": 1.5,
                    "date": today,
                },
                {
                    "name": "Peer",
                    "project_id": project.id,
                    "employee_id": self.emp_peer.id,
                    "unit_amount": 8,
                    "date": today,
                },
            ]
        )
        return 4

    def _records_account(self, owner, other):
        customer = self.env["res.partner"].create({"name": "Globex"})
        product = self._product(250)

        def invoice(user, quantity):
            return self.env["account.move"].create(
                {
                    "move_type": "out_invoice",
                    "partner_id": customer.id,
                    "invoice_user_id": user.id,
                    "invoice_date": fields.Date.context_today(customer),
                    "invoice_line_ids": [
                        Command.create(
                            {
                                "product_id": product.id,
                                "quantity": quantity,
                                "price_unit": 250,
                                "tax_ids": False,
                            }
                        )
                    ],
                }
            )

        paid = invoice(owner, 2) | invoice(other, 1)
        unpaid = invoice(owner, 4)
        (paid | unpaid).action_post()
        self.env["account.payment.register"].with_context(
            active_model="account.move", active_ids=paid.ids
        ).create({"group_payment": False})._create_payments()
        self.assertTrue(
            all(
                state in ("paid", "in_payment")
                for state in paid.mapped("payment_state")
            )
        )
        return 500

    def _records_hr_recruitment(self, owner, other):
        job = self.env["hr.job"].create({"name": "Recruited Engineer"})
        hired = self.env["hr.recruitment.stage"].search(
            [("hired_stage", "=", True)], limit=1
        ) or self.env["hr.recruitment.stage"].create(
            {"name": "Contract Signed", "hired_stage": True}
        )

        def applicant(name, user):
            candidate = self.env["hr.candidate"].create({"partner_name": name})
            return self.env["hr.applicant"].create(
                {"candidate_id": candidate.id, "job_id": job.id, "user_id": user.id}
            )

        (
            applicant("Ana", owner) | applicant("Ben", owner) | applicant("Cy", other)
        ).write({"stage_id": hired.id})
        applicant("Dee", owner)  # still in the first stage
        return 2
