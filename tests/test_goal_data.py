"""Data key results (issue 19): goals measured from the ERP's own records by a
KPI, with the owner's rights, refreshed by a button and a daily job."""

from datetime import timedelta
from unittest.mock import patch

from odoo import Command, fields
from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import HrPerformanceCase


class DataGoalCase(HrPerformanceCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.today = fields.Date.context_today(cls.env["hr.performance.goal"])
        cls.kpi_contacts = cls._kpi(
            "Contacts created",
            "res.partner",
            date_field="create_date",
            owner_field="create_uid",
            domain="[('is_company', '=', False)]",
        )

    @classmethod
    def _field(cls, model, name):
        return cls.env["ir.model.fields"]._get(model, name)

    @classmethod
    def _kpi(
        cls,
        name,
        model,
        aggregate="count",
        field=None,
        date_field=None,
        owner_field=None,
        domain="[]",
    ):
        return cls.env["hr.performance.kpi"].create(
            {
                "name": name,
                "model_id": cls.env["ir.model"]._get_id(model),
                "aggregate": aggregate,
                "field_id": field and cls._field(model, field).id,
                "date_field_id": date_field and cls._field(model, date_field).id,
                "owner_field_id": owner_field and cls._field(model, owner_field).id,
                "domain": domain,
            }
        )

    def _data_values(self, kpi, **vals):
        """A data goal's values for ten days around today, to create as a user."""
        return {
            "name": kpi.name,
            "employee_id": self.emp_employee.id,
            "progress_mode": "data",
            "kpi_id": kpi.id,
            "start_value": 0,
            "target_value": 10,
            "date_start": self.today - timedelta(days=5),
            "date_deadline": self.today + timedelta(days=5),
            **vals,
        }

    def _data_goal(self, kpi, employee=None, start=0.0, target=10.0, **vals):
        values = {
            "name": f"{kpi.name} of {(employee or self.emp_employee).name}",
            "employee_id": (employee or self.emp_employee).id,
            "progress_mode": "data",
            "kpi_id": kpi.id,
            "start_value": start,
            "target_value": target,
            "current_value": start,
            "date_start": self.today - timedelta(days=50),
            "date_deadline": self.today + timedelta(days=50),
        }
        values.update(vals)
        goal = self._goal(**values)
        goal.action_activate()
        return goal

    def _contacts(self, user, count, **vals):
        """``count`` contacts created by ``user`` (create_uid), now."""
        # sudo keeps the uid: create_uid is the user
        return (
            self.env["res.partner"]
            .with_user(user)
            .sudo()
            .create(
                [{"name": f"{user.name} contact {i}", **vals} for i in range(count)]
            )
        )


@tagged("post_install", "-at_install")
class TestGoalData(DataGoalCase):
    def test_count_with_domain_period_and_owner(self):
        mine = self._contacts(self.user_employee, 3)
        self._contacts(self.user_employee, 1, is_company=True)  # not in the domain
        self._contacts(self.user_peer, 2)  # not the owner's
        # One of Eva's contacts was created before the goal's period.
        self.env.cr.execute(
            "UPDATE res_partner SET create_date = %s WHERE id = %s",
            (fields.Datetime.now() - timedelta(days=400), mine[0].id),
        )
        mine.invalidate_recordset(["create_date"])
        goal = self._data_goal(self.kpi_contacts)
        peer_goal = self._data_goal(self.kpi_contacts, self.emp_peer)
        (goal | peer_goal).with_user(self.user_officer).action_refresh_data()
        self.assertEqual(goal.current_value, 2)
        self.assertEqual(peer_goal.current_value, 2)
        self.assertEqual(goal.progress, 20)
        self.assertFalse(goal.data_error)
        update = goal.update_ids
        self.assertEqual(len(update), 1)
        self.assertEqual(update.date, self.today)
        self.assertEqual(update.value, 2)
        self.assertIn("Computed from data", update.note)

    def test_update_only_when_the_value_changed_and_health_moves(self):
        goal = self._data_goal(self.kpi_contacts, target=4)
        self.assertEqual(goal.health, "off_track")
        goal.with_user(self.user_employee).action_refresh_data()
        self.assertFalse(goal.update_ids, "0 → 0 is no change")
        self._contacts(self.user_employee, 2)
        goal.with_user(self.user_employee).action_refresh_data()
        self.assertEqual(goal.current_value, 2)
        self.assertEqual(goal.progress, 50)
        self.assertEqual(goal.health, "on_track")
        goal.with_user(self.user_employee).action_refresh_data()
        self.assertEqual(len(goal.update_ids), 1, "same value, no second update")
        self.assertTrue(goal.data_refresh_date)

    def test_decreasing_target(self):
        goal = self._data_goal(self.kpi_contacts, start=10, target=0)
        self._contacts(self.user_employee, 4)
        self.env["hr.performance.goal"]._cron_refresh_data()
        self.assertEqual(goal.current_value, 4)
        self.assertAlmostEqual(goal.progress, 60)

    def test_sum_and_average_with_an_employee_owner_field(self):
        """Sum and average of a float, the owner field an employee field."""
        for progress in (20, 40):
            self._goal(
                name=f"Manual {progress}",
                manual_progress=progress,
                date_deadline=self.today,
            )
        self._goal(
            name="Peer's",
            employee_id=self.emp_peer.id,
            manual_progress=90,
            date_deadline=self.today,
        )
        self._goal(
            name="Too late",
            manual_progress=70,
            date_deadline=self.today + timedelta(days=400),
        )
        common = {
            "field": "manual_progress",
            "date_field": "date_deadline",
            "owner_field": "employee_id",
            "domain": "[('progress_mode', '=', 'manual')]",
        }
        total = self._kpi(
            "Manual progress (sum)", "hr.performance.goal", "sum", **common
        )
        average = self._kpi(
            "Manual progress (avg)", "hr.performance.goal", "avg", **common
        )
        goal_sum = self._data_goal(total, target=100)
        goal_avg = self._data_goal(average, target=100)
        (goal_sum | goal_avg).action_refresh_data()
        self.assertEqual(goal_sum.current_value, 60)
        self.assertEqual(goal_avg.current_value, 30)

    def test_monetary(self):
        """A monetary field: summed, and its currency shown (the company's).
        The addon's dependencies define no monetary field: any installed
        model with one is used (CRM, sale or account on a full database)."""
        for model in self.env.registry.values():
            if model._abstract or model._transient or not model._auto:
                continue
            monetary = [
                name
                for name, field in model._fields.items()
                if field.type == "monetary" and field.store and field.column_type
            ]
            if monetary:
                break
        else:
            self.skipTest("no installed model has a stored monetary field")
        kpi = self._kpi("Money", model._name, "sum", field=monetary[0])
        self.assertEqual(kpi.currency_id, self.env.company.currency_id)
        goal = self._data_goal(kpi, employee=self.emp_manager, target=1e9)
        goal.with_user(self.user_admin).action_refresh_data()
        self.assertEqual(goal.data_currency_id, self.env.company.currency_id)

    def test_value_only_from_the_refresh(self):
        goal = self._data_goal(self.kpi_contacts)
        with self.assertRaises(UserError):
            goal.with_user(self.user_employee).write({"current_value": 9})
        with self.assertRaises(UserError):
            self.env["hr.performance.goal.update"].with_user(self.user_employee).create(
                {"goal_id": goal.id, "value": 9}
            )
        with self.assertRaises(UserError):
            self.env["hr.performance.goal.update"].with_user(
                self.user_employee
            ).with_context(hr_performance_data_refresh=True).create(
                {"goal_id": goal.id, "value": 9}
            )
        self.assertEqual(goal.current_value, 0)
        with self.assertRaises(ValidationError):
            self._goal(
                name="No KPI", progress_mode="data", start_value=0, target_value=1
            )

    def test_a_template_carries_its_kpi(self):
        template = self.env["hr.performance.goal.template"].create(
            {
                "name": "Add 10 contacts",
                "progress_mode": "data",
                "kpi_id": self.kpi_contacts.id,
                "target_value": 10,
            }
        )
        goal = self._goal(**template._goal_values())
        self.assertEqual(goal.progress_mode, "data")
        self.assertEqual(goal.kpi_id, self.kpi_contacts)

    def test_cascade_a_kpi_to_two_people(self):
        parent = self._goal(
            name="Grow our address book by 20 contacts",
            scope="department",
            department_id=self.department.id,
            progress_mode="data",
            kpi_id=self.kpi_contacts.id,
            start_value=0,
            target_value=20,
        )
        wizard = (
            self.env["hr.performance.goal.cascade"]
            .with_user(self.user_officer)
            .create(
                {
                    "parent_id": parent.id,
                    "target_scope": "individual",
                    "employee_ids": [
                        Command.set((self.emp_employee | self.emp_peer).ids)
                    ],
                    "target_value": 10,
                }
            )
        )
        self.assertEqual(wizard.kpi_id, self.kpi_contacts)
        self.assertEqual(wizard.progress_mode, "data")
        wizard.action_cascade()
        children = parent.child_ids
        self.assertEqual(children.mapped("progress_mode"), ["data", "data"])
        self.assertEqual(children.kpi_id, self.kpi_contacts)
        self._contacts(self.user_peer, 5)
        children.with_user(self.user_officer).action_refresh_data()
        self.assertEqual(sorted(children.mapped("progress")), [0, 50])


@tagged("post_install", "-at_install")
class TestGoalDataAccess(DataGoalCase):
    """Computed with the rights of the goal's owner, whoever refreshes it."""

    def test_records_the_owner_cannot_read_give_a_message(self):
        kpi = self._kpi("Calibration changes", "hr.performance.calibration.adjustment")
        goal = self._data_goal(kpi)
        goal.with_user(self.user_officer).action_refresh_data()
        self.assertIn("may not read", goal.data_error)
        self.assertIn(self.user_employee.name, goal.data_error)
        self.assertFalse(goal.update_ids)
        self.assertEqual(goal.current_value, 0)
        self.assertFalse(goal.data_broken, "the definition is fine; the rights are not")
        # The same KPI on HR's own goal works.
        officer_employee = self.env["hr.employee"].create(
            {"name": "Olga Officer", "user_id": self.user_officer.id}
        )
        officer_goal = self._data_goal(kpi, officer_employee, target=5)
        officer_goal.with_user(self.user_officer).action_refresh_data()
        self.assertFalse(officer_goal.data_error)

    def test_a_manager_goal_does_not_count_a_report_private_records(self):
        other = self.env["hr.employee"].create({"name": "Rita Elsewhere"})
        Feedback = self.env["hr.performance.feedback"]
        Feedback.with_user(self.user_employee).create(
            [
                {
                    "employee_id": self.emp_peer.id,
                    "body": "<p>Thanks</p>",
                    "visibility": "public",
                },
                {
                    "employee_id": other.id,
                    "body": "<p>Private</p>",
                    "visibility": "private",
                },
            ]
        )
        kpi = self._kpi(
            "Eva's feedback",
            "hr.performance.feedback",
            domain=f"[('author_user_id', '=', {self.user_employee.id})]",
        )
        self.assertEqual(
            Feedback.search_count([("author_user_id", "=", self.user_employee.id)]), 2
        )
        manager_goal = self._data_goal(kpi, self.emp_manager)
        own_goal = self._data_goal(kpi)
        # HR refreshes both: each is measured with its owner's rights.
        (manager_goal | own_goal).with_user(self.user_officer).action_refresh_data()
        self.assertEqual(own_goal.current_value, 2)
        self.assertEqual(manager_goal.current_value, 1)

    def _private_feedback_kpi(self):
        """Eva's feedback: one public, one private only she (and its
        recipient) may read, not her manager."""
        other = self.env["hr.employee"].create({"name": "Rita Elsewhere"})
        self.env["hr.performance.feedback"].with_user(self.user_employee).create(
            [
                {
                    "employee_id": self.emp_peer.id,
                    "body": "<p>Thanks</p>",
                    "visibility": "public",
                },
                {
                    "employee_id": other.id,
                    "body": "<p>Private</p>",
                    "visibility": "private",
                },
            ]
        )
        return self._kpi(
            "Eva's feedback",
            "hr.performance.feedback",
            domain=f"[('author_user_id', '=', {self.user_employee.id})]",
        )

    def test_a_manager_cannot_measure_a_report_private_records(self):
        """The manager points Eva's goal at her private feedback: only what
        both may read is counted, so the manager learns nothing new."""
        kpi = self._private_feedback_kpi()
        Goal = self.env["hr.performance.goal"]
        values = self._data_values(kpi)
        set_by_manager = Goal.with_user(self.user_manager).create(values)
        self.assertEqual(set_by_manager.data_definer_id, self.user_manager)
        set_by_manager.with_user(self.user_manager).action_refresh_data()
        self.assertEqual(set_by_manager.current_value, 1)
        # Eva chooses the same measure herself: all of her feedback counts.
        own = Goal.with_user(self.user_employee).create(values)
        own.with_user(self.user_employee).action_refresh_data()
        self.assertEqual(own.current_value, 2)
        # The manager moves Eva's own goal's period: he set the measure now.
        own.with_user(self.user_manager).write(
            {"date_deadline": self.today + timedelta(days=6)}
        )
        self.assertEqual(own.data_definer_id, self.user_manager)
        own.with_user(self.user_manager).action_refresh_data()
        self.assertEqual(own.current_value, 1)
        self.assertEqual(sorted(own.update_ids.mapped("value")), [1, 2])

    def test_hr_cannot_measure_with_the_administrator_rights(self):
        """A company goal measured with its responsible's rights: HR making
        the administrator responsible does not lend HR the administrator's."""
        kpi = self._kpi("System parameters", "ir.config_parameter")
        self.user_admin.groups_id = [Command.link(self.env.ref("base.group_system").id)]
        goal = (
            self.env["hr.performance.goal"]
            .with_user(self.user_officer)
            .create(
                self._data_values(
                    kpi,
                    scope="company",
                    employee_id=False,
                    user_id=self.user_admin.id,
                    target_value=1000,
                )
            )
        )
        goal.with_user(self.user_officer).action_activate()
        goal.with_user(self.user_officer).action_refresh_data()
        self.assertEqual(goal.current_value, 0)
        self.assertIn(self.user_officer.name, goal.data_error)
        self.assertIn("set this goal's measure", goal.data_error)
        self.assertFalse(goal.update_ids)
        # The administrator sets it: measured with the administrator's rights.
        goal.with_user(self.user_admin).write({"kpi_id": kpi.id})
        goal.with_user(self.user_admin).action_refresh_data()
        self.assertFalse(goal.data_error)
        self.assertEqual(
            goal.current_value, self.env["ir.config_parameter"].search_count([])
        )

    def test_who_set_the_measure_is_recorded_not_typed(self):
        goal = self._data_goal(self.kpi_contacts)
        with self.assertRaises(UserError):
            goal.with_user(self.user_manager).write(
                {"data_definer_id": self.user_employee.id}
            )
        forged = (
            self.env["hr.performance.goal"]
            .with_user(self.user_manager)
            .with_context(default_data_definer_id=self.user_employee.id)
            .create(
                {
                    "name": "Contacts",
                    "employee_id": self.emp_employee.id,
                    "progress_mode": "data",
                    "kpi_id": self.kpi_contacts.id,
                    "data_definer_id": self.user_employee.id,
                    "target_value": 5,
                }
            )
        )
        self.assertEqual(forged.data_definer_id, self.user_manager)

    def test_a_data_goal_starts_at_its_start_value(self):
        values = {
            "name": "Contacts",
            "employee_id": self.emp_employee.id,
            "progress_mode": "data",
            "kpi_id": self.kpi_contacts.id,
            "start_value": 2,
            "target_value": 5,
        }
        Goal = self.env["hr.performance.goal"].with_user(self.user_employee)
        with self.assertRaises(UserError):
            Goal.create(dict(values, current_value=5))
        with self.assertRaises(UserError):
            Goal.with_context(default_progress_mode="data").create(
                {k: v for k, v in values.items() if k != "progress_mode"}
                | {"current_value": 4.5}
            )
        self.assertFalse(Goal.search([("name", "=", "Contacts")]))
        self.assertEqual(Goal.create(dict(values, current_value=2)).current_value, 2)

    def test_rules_of_the_models_the_filter_goes_through(self):
        """Two users with the same groups read different partners when a
        rule on countries names the user: they are measured apart."""
        kpi = self._kpi(
            "French contacts", "res.partner", domain="[('country_id.code', '=', 'FR')]"
        )
        self.assertEqual(kpi._filter_models(), ({"res.partner", "res.country"}, False))
        self.env["ir.rule"].create(
            {
                "name": "France hidden from Eva (test)",
                "model_id": self.env["ir.model"]._get_id("res.country"),
                "domain_force": "[('id', '!=', {} if user.id == {} else 0)]".format(
                    self.env.ref("base.fr").id, self.user_employee.id
                ),
                "groups": [Command.link(self.env.ref("base.group_user").id)],
            }
        )
        signatures = kpi._rule_signatures(self.user_employee | self.user_peer)
        self.assertNotEqual(signatures[self.user_employee], signatures[self.user_peer])
        self.env["res.partner"].create(
            {"name": "Amélie", "country_id": self.env.ref("base.fr").id}
        )
        goals = self._data_goal(kpi, target=1e6) | self._data_goal(
            kpi, self.emp_peer, target=1e6
        )
        self.env["hr.performance.goal"]._cron_refresh_data()
        french = (
            self.env["res.partner"]
            .with_user(self.user_peer)
            .search_count([("country_id.code", "=", "FR")])
        )
        self.assertGreater(french, 0)
        self.assertEqual(goals.mapped("current_value"), [0, french])

    def _admin_goal(self, kpi):
        """A goal of the administrator's, measured with her own rights."""
        self.user_admin.groups_id = [Command.link(self.env.ref("base.group_system").id)]
        admin_employee = self.env["hr.employee"].create(
            {"name": "Ada Admin", "user_id": self.user_admin.id}
        )
        goal = (
            self.env["hr.performance.goal"]
            .with_user(self.user_admin)
            .create(
                {
                    "name": "Parameters",
                    "employee_id": admin_employee.id,
                    "progress_mode": "data",
                    "kpi_id": kpi.id,
                    "target_value": 1000,
                }
            )
        )
        goal.with_user(self.user_admin).action_activate()
        return goal

    def test_who_changes_what_a_kpi_measures_sets_the_measure(self):
        """HR rewrites the filter of a KPI that measures the administrator's
        goal: HR's rights now limit it, so HR reads nothing through it."""
        kpi = self._kpi("System parameters", "ir.config_parameter")
        goal = self._admin_goal(kpi)
        goal.with_user(self.user_admin).action_refresh_data()
        self.assertFalse(goal.data_error)
        self.assertGreater(goal.current_value, 0)
        kpi.with_user(self.user_officer).write({"domain": "[('key', 'ilike', 'web')]"})
        self.assertEqual(goal.data_definer_id, self.user_officer)
        before = goal.current_value
        goal.with_user(self.user_admin).action_refresh_data()
        self.assertIn(self.user_officer.name, goal.data_error)
        self.assertEqual(goal.current_value, before)
        # Words only (name, description) change nobody's measure.
        kpi.with_user(self.user_admin).write({"domain": "[]"})
        kpi.with_user(self.user_officer).write({"name": "Parameters of the system"})
        self.assertEqual(goal.data_definer_id, self.user_admin)

    def test_a_kpi_of_goals_in_other_companies_is_duplicated_not_changed(self):
        other_company = self.env["res.company"].create({"name": "Elsewhere Ltd"})
        employee = self.env["hr.employee"].create(
            {"name": "Far Away", "company_id": other_company.id}
        )
        self._data_goal(self.kpi_contacts, employee, company_id=other_company.id)
        with self.assertRaises(UserError):
            self.kpi_contacts.with_user(self.user_officer).write({"domain": "[]"})
        self.assertEqual(self.kpi_contacts.domain, "[('is_company', '=', False)]")

    def test_an_owner_with_another_user_is_not_measured_as_before(self):
        goal = self._data_goal(self.kpi_contacts)
        self.assertEqual(goal.data_user_id, self.user_employee)
        self.assertEqual(goal.data_definer_id, self.user_employee, "made by the system")
        self._contacts(self.user_peer, 3)
        # HR gives Eva's employee Pablo's user.
        self.emp_peer.user_id = False
        self.env.flush_all()
        self.emp_employee.user_id = self.user_peer
        goal.with_user(self.user_officer).action_refresh_data()
        self.assertIn("another user", goal.data_error)
        self.assertEqual(goal.current_value, 0)
        goal.with_user(self.user_officer).write({"kpi_id": self.kpi_contacts.id})
        goal.with_user(self.user_officer).action_refresh_data()
        self.assertFalse(goal.data_error)
        self.assertEqual(goal.current_value, 3)

    def test_goals_from_before_the_measure_setter_are_measured_as_before(self):
        goal = self._data_goal(self.kpi_contacts)
        self.env.cr.execute(
            "UPDATE hr_performance_goal SET data_definer_id = NULL, data_user_id = NULL "
            "WHERE id = %s",
            [goal.id],
        )
        self.env["hr.performance.goal"].init()  # as on upgrade
        goal.invalidate_recordset()
        self.assertEqual(goal.data_user_id, self.user_employee)
        self.assertEqual(goal.data_definer_id, self.user_employee)
        self._contacts(self.user_employee, 2)
        goal.action_refresh_data()
        self.assertEqual(goal.current_value, 2)

    def test_a_forged_default_or_a_switch_does_not_type_the_value(self):
        Goal = self.env["hr.performance.goal"].with_user(self.user_employee)
        values = {
            "name": "Contacts",
            "employee_id": self.emp_employee.id,
            "progress_mode": "data",
            "kpi_id": self.kpi_contacts.id,
            "target_value": 100,
        }
        with self.assertRaises(UserError):
            Goal.with_context(default_current_value=99).create(values)
        typed = Goal.create(
            dict(values, progress_mode="metric", kpi_id=False, current_value=99)
        )
        typed.write({"progress_mode": "data", "kpi_id": self.kpi_contacts.id})
        self.assertEqual(typed.current_value, 0)
        # A copy of a measured goal is measured afresh.
        self._contacts(self.user_employee, 2)
        typed.action_activate()
        typed.action_refresh_data()
        self.assertEqual(typed.current_value, 2)
        self.assertEqual(typed.copy().current_value, 0)

    def test_the_refresh_ignores_the_caller_defaults(self):
        goal = self._data_goal(self.kpi_contacts)
        self._contacts(self.user_employee, 1)
        goal.with_user(self.user_employee).with_context(
            default_author_user_id=self.user_manager.id,
            default_note="Forged",
        ).action_refresh_data()
        self.assertEqual(goal.current_value, 1)
        self.assertNotEqual(goal.update_ids.author_user_id, self.user_manager)
        self.assertNotIn("Forged", goal.update_ids.note)

    def test_a_goal_counts_the_records_of_its_company(self):
        other_company = self.env["res.company"].create({"name": "Sister Co"})
        self.user_employee.company_ids = [Command.link(other_company.id)]
        here = self.env.company
        self._contacts(self.user_employee, 1, company_id=here.id)
        self._contacts(self.user_employee, 2, company_id=other_company.id)
        goal = self._data_goal(self.kpi_contacts)
        goal.with_user(self.user_employee).action_refresh_data()
        self.assertEqual(goal.company_id, here)
        self.assertEqual(goal.current_value, 1)

    def test_a_measure_too_slow_for_the_database_is_stopped(self):
        """A table locked elsewhere stands for a costly filter: the measure
        gives up after its time limit, with a message, and the job goes on."""
        kpi = self._kpi("Countries", "res.country")
        slow = self._data_goal(kpi, target=1000)
        fine = self._data_goal(self.kpi_contacts, self.emp_peer)
        self._contacts(self.user_peer, 1)
        with self.registry.cursor() as other:
            other.execute("LOCK TABLE res_country IN ACCESS EXCLUSIVE MODE NOWAIT")
            with (
                patch.object(type(kpi), "_measure_timeout_ms", 300),
                mute_logger("odoo.sql_db"),  # the cancelled query, logged by Odoo
            ):
                self.env["hr.performance.goal"]._cron_refresh_data()
            other.rollback()
        self.assertIn("took longer than", slow.data_error)
        self.assertEqual(slow.current_value, 0)
        self.assertEqual(fine.current_value, 1)
        self.env.cr.execute("SHOW statement_timeout")
        self.assertNotEqual(self.env.cr.fetchone()[0], "300ms")

    def test_only_who_may_change_the_goal_refreshes_it(self):
        goal = self._data_goal(self.kpi_contacts)
        with self.assertRaises(UserError):
            goal.with_user(self.user_peer).action_refresh_data()
        with self.assertRaises(UserError):
            self._goal(name="Manual").with_user(
                self.user_employee
            ).action_refresh_data()

    def test_employees_read_kpis_hr_defines_them(self):
        self.assertTrue(self.kpi_contacts.with_user(self.user_employee).name)
        with self.assertRaises(UserError):
            self.kpi_contacts.with_user(self.user_employee).write({"domain": "[]"})
        with self.assertRaises(UserError):
            self._kpi("Mine", "res.partner").with_user(self.user_manager).copy()


@tagged("post_install", "-at_install")
class TestGoalDataDefinitions(DataGoalCase):
    """Broken or hostile definitions: refused on input, isolated in the job."""

    def test_no_code_from_user_input(self):
        Kpi = self.env["hr.performance.kpi"].with_user(self.user_officer)
        model_id = self.env["ir.model"]._get_id("res.partner")
        for domain in (
            "[('name', '=', __import__('os').getpid())]",
            "[('create_uid', '=', uid)]",
            "[('name', '=', 'a')] + [('name', '=', 'b')]",
            "[('no_such_field', '=', 1)]",
            "[('name', 'no such operator', 1)]",
            "[" * 5000,
        ):
            with self.subTest(domain=domain[:40]), self.assertRaises(ValidationError):
                Kpi.create({"name": "Bad", "model_id": model_id, "domain": domain})
        for vals in (
            {"aggregate": "sum"},  # no field
            {"aggregate": "sum", "field_id": self._field("res.partner", "name").id},
            {"date_field_id": self._field("res.partner", "name").id},
            {"owner_field_id": self._field("res.partner", "country_id").id},
            {
                "aggregate": "sum",
                "field_id": self._field("hr.employee", "km_home_work").id,
            },
        ):
            with self.subTest(vals=vals), self.assertRaises(ValidationError):
                Kpi.create({"name": "Bad", "model_id": model_id, **vals})
        self.assertFalse(Kpi.search([("name", "=", "Bad")]))

    def _break(self, kpi, column, value):
        self.env.cr.execute(
            f"UPDATE hr_performance_kpi SET {column} = %s WHERE id = %s",
            (value, kpi.id),
        )
        kpi.invalidate_recordset()

    def test_broken_definitions_are_isolated_in_the_job(self):
        healthy = self._data_goal(self.kpi_contacts)
        breakages = {
            "model gone": ("model_id", None),
            "field renamed": ("field_id", None),
            "bad domain": ("domain", "[('x_gone', '=', 1)]"),
        }
        broken = {}
        for reason, (column, value) in breakages.items():
            kpi = self._kpi(
                f"Sum ({reason})",
                "hr.performance.goal",
                "sum",
                field="manual_progress",
            )
            self._break(kpi, column, value)
            broken[reason] = self._data_goal(kpi, self.emp_peer)
        self._contacts(self.user_employee, 3)
        self.env["hr.performance.goal"]._cron_refresh_data()
        self.assertEqual(healthy.current_value, 3)
        self.assertFalse(healthy.data_error)
        messages = {
            "model gone": "model no longer exists",
            "field renamed": "manual_progress no longer exists",
            "bad domain": "x_gone",
        }
        warning = self.env.ref("mail.mail_activity_data_warning")
        for reason, goal in broken.items():
            with self.subTest(reason=reason):
                self.assertTrue(goal.data_broken)
                self.assertIn(messages[reason], goal.data_error)
                activity = goal.activity_ids.filtered(
                    lambda a: a.activity_type_id == warning
                )
                self.assertEqual(activity.user_id, self.user_peer)
        # Broken goals are skipped by the job from now on; a second run adds
        # no second activity either.
        stamp = broken["bad domain"].data_refresh_date
        self.env["hr.performance.goal"]._cron_refresh_data()
        self.assertEqual(broken["bad domain"].data_refresh_date, stamp)
        # Fixed, a refresh by hand brings the goal back.
        kpi = broken["bad domain"].kpi_id
        self._break(kpi, "domain", "[]")
        broken["bad domain"].with_user(self.user_officer).action_refresh_data()
        self.assertFalse(broken["bad domain"].data_broken)
        self.assertFalse(broken["bad domain"].data_error)


@tagged("post_install", "-at_install")
class TestGoalDataScale(DataGoalCase):
    def test_refresh_job_queries_do_not_grow_with_goals(self):
        """N data goals on one KPI, owners with the same groups: the same
        queries for N = 5 and N = 50 (one grouped read for all owners)."""
        users = self.env["res.users"]
        for index in range(55):
            users |= self._user(f"perf_data_{index}", f"Data Owner {index}")
        employees = self.env["hr.employee"].create(
            [{"name": user.name, "user_id": user.id} for user in users]
        )
        Goal = self.env["hr.performance.goal"]

        def prepare(batch):
            goals = Goal.browse(
                [self._data_goal(self.kpi_contacts, e).id for e in batch]
            )
            for user in batch.user_id:
                self._contacts(user, 1)
            self.env.flush_all()
            self.env.invalidate_all()
            return goals

        goals = prepare(employees[:5])
        start = self.env.cr.sql_log_count
        Goal._cron_refresh_data()
        self.env.flush_all()
        five = self.env.cr.sql_log_count - start
        self.assertEqual(set(goals.mapped("current_value")), {1})
        goals.action_done()
        goals = prepare(employees[5:])
        with self.assertQueryCount(five):
            Goal._cron_refresh_data()
            self.env.flush_all()
        self.assertEqual(set(goals.mapped("current_value")), {1})
        self.assertEqual(len(goals.update_ids), 50)
