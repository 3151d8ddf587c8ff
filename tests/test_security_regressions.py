"""Attacks found in review, each with the call an internal user would make over RPC."""

from datetime import date

from freezegun import freeze_time

from odoo.addons.mail.tests.common import mail_new_test_user
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import HrPerformanceCase


@tagged("post_install", "-at_install")
class TestSecurityRegressions(HrPerformanceCase):
    def test_employee_cannot_take_over_a_checkin(self):
        checkin = self.env["hr.performance.checkin"].create(
            {
                "employee_id": self.emp_employee.id,
                "private_note_ids": [(0, 0, {"body": "Flight risk"})],
            }
        )
        mine = checkin.with_user(self.user_employee)
        for vals in ({"manager_user_id": self.user_employee.id}, {"state": "done"}):
            with self.assertRaises(UserError):
                mine.write(vals)
        with self.assertRaises(UserError):
            mine.write(
                {"employee_id": self.emp_peer.id, "manager_id": self.emp_employee.id}
            )
        self.assertFalse(
            self.env["hr.performance.checkin.note"]
            .with_user(self.user_employee)
            .search([])
        )
        # A manager moves a check-in only within the team, with the right manager.
        outsider = self.env["hr.employee"].create({"name": "Oscar Outsider"})
        with self.assertRaises(AccessError):
            checkin.with_user(self.user_manager).write({"employee_id": outsider.id})
        checkin.with_user(self.user_manager).write({"employee_id": self.emp_peer.id})
        self.assertEqual(checkin.manager_id, self.emp_manager)

    def test_employee_cannot_open_a_checkin_about_a_peer(self):
        Checkin = self.env["hr.performance.checkin"].with_user(self.user_employee)
        with self.assertRaises(AccessError):
            Checkin.create(
                {"employee_id": self.emp_peer.id, "manager_id": self.emp_employee.id}
            )
        own = Checkin.create(
            {
                "employee_id": self.emp_employee.id,
                "manager_id": self.emp_peer.id,
                "state": "done",
                "date": "2026-01-01",
            }
        )
        self.assertEqual((own.manager_id, own.state), (self.emp_manager, "planned"))

    def test_forged_links_reveal_nothing(self):
        peer_checkin = self.env["hr.performance.checkin"].create(
            {
                "employee_id": self.emp_peer.id,
                "agenda_item_ids": [(0, 0, {"name": "Salary"})],
            }
        )
        own = self.env["hr.performance.checkin"].create(
            {"employee_id": self.emp_employee.id}
        )
        item = (
            self.env["hr.performance.checkin.item"]
            .with_user(self.user_employee)
            .create(
                {
                    "checkin_id": own.id,
                    "name": "Mine",
                    "carried_from_id": peer_checkin.agenda_item_ids.id,
                }
            )
        )
        self.assertFalse(item.carried_from_id)
        peer_goal = self._goal(name="Peer secret", employee_id=self.emp_peer.id)
        with self.assertRaises(AccessError):
            self._goal(employee_id=self.emp_employee.id).with_user(
                self.user_employee
            ).write({"parent_id": peer_goal.id})
        with self.assertRaises(AccessError):
            self.env["hr.performance.feedback"].with_user(self.user_employee).create(
                {
                    "employee_id": self.emp_peer.id,
                    "goal_id": peer_goal.id,
                    "body": "<p>x</p>",
                }
            )
        with self.assertRaises(AccessError):
            self.env["hr.performance.goal.update"].with_user(self.user_employee).create(
                {
                    "goal_id": self._goal().id,
                    "progress": 10,
                    "checkin_id": peer_checkin.id,
                }
            )

    def test_rollup_parent_needs_write_access(self):
        team = self._goal(
            name="Team goal",
            scope="team",
            employee_id=self.emp_manager.id,
            progress_mode="children",
        )
        with self.assertRaises(AccessError):
            self.env["hr.performance.goal"].with_user(self.user_employee).create(
                {
                    "name": "Skews the team",
                    "employee_id": self.emp_employee.id,
                    "parent_id": team.id,
                    "weight": 1000,
                }
            )
        self.env["hr.performance.goal"].with_user(self.user_manager).create(
            {
                "name": "Aligned by the manager",
                "employee_id": self.emp_employee.id,
                "parent_id": team.id,
            }
        )

    def test_goal_workflow_and_responsible_cannot_be_forced(self):
        Goal = self.env["hr.performance.goal"].with_user(self.user_employee)
        goal = Goal.create(
            {
                "name": "Self set",
                "employee_id": self.emp_employee.id,
                "state": "done",
                "user_id": self.user_peer.id,
            }
        )
        self.assertEqual((goal.state, goal.user_id), ("draft", self.user_employee))
        with self.assertRaises(UserError):
            goal.write({"state": "active"})
        goal.with_user(self.user_manager).write({"user_id": self.user_peer.id})
        self.assertEqual(
            goal.user_id, self.user_employee, "the responsible follows the owner"
        )
        self.assertNotIn(
            goal, self.env["hr.performance.goal"].with_user(self.user_peer).search([])
        )
        goal.action_activate()
        goal.action_cancel()
        with self.assertRaises(UserError):
            goal.with_user(self.user_employee).write({"state": "active"})

    def test_moods_only_for_managers(self):
        self.env["hr.performance.checkin"].create(
            {
                "employee_id": self.emp_employee.id,
                "mood": 2,
                "state": "done",
                "date": "2026-01-05",
            }
        )
        public = self.env["hr.employee.public"].browse(self.emp_employee.id)
        self.assertEqual(public.with_user(self.user_manager).last_mood, 2)
        self.assertEqual(public.with_user(self.user_peer).last_mood, 0)
        self.assertFalse(public.with_user(self.user_peer).mood_trend)

    def _eva_overdue(self):
        """Eva meets Marco monthly; her last check-in was on 5 January."""
        self.emp_employee.checkin_frequency = "monthly"
        self.env["hr.performance.checkin"].create(
            {"employee_id": self.emp_employee.id, "state": "done", "date": "2026-01-05"}
        )
        director = mail_new_test_user(self.env, login="perf_dir", name="Dina Director")
        self.emp_manager.parent_id = self.env["hr.employee"].create(
            {"name": "Dina Director", "user_id": director.id}
        )
        return director

    @freeze_time("2026-03-01")
    def test_checkin_dates_only_for_the_person_managers_and_hr(self):
        """Class 13: Eva's check-in rhythm is hers, her managers' and HR's;
        a peer reads nothing of it, on the public record or on hr.employee."""
        director = self._eva_overdue()
        fnames = ["last_checkin_date", "next_checkin_date", "checkin_overdue"]
        public = self.env["hr.employee.public"].browse(self.emp_employee.id)
        for user in (
            self.user_employee,
            self.user_manager,
            director,
            self.user_officer,
        ):
            self.assertEqual(
                public.with_user(user).read(fnames)[0],
                {
                    "id": public.id,
                    "last_checkin_date": date(2026, 1, 5),
                    "next_checkin_date": date(2026, 2, 5),
                    "checkin_overdue": True,
                },
                user.name,
            )
        peer = public.with_user(self.user_peer)
        self.assertEqual(
            peer.read(fnames)[0],
            {
                "id": public.id,
                "last_checkin_date": False,
                "next_checkin_date": False,
                "checkin_overdue": False,
            },
        )
        with self.assertRaises(AccessError):
            self.emp_employee.with_user(self.user_peer).read(["next_checkin_date"])

    @freeze_time("2026-03-01")
    def test_checkin_overdue_search_reveals_nothing(self):
        """A peer cannot learn by searching what they cannot read: Eva is
        found overdue by herself, her managers and HR only, and by date by
        nobody else either."""
        director = self._eva_overdue()
        eva = self.emp_employee.id
        for user, sees in (
            (self.user_employee, True),
            (self.user_manager, True),
            (director, True),
            (self.user_officer, True),
            (self.user_peer, False),
        ):
            for model in ("hr.employee.public", "hr.employee"):
                Model = self.env[model].with_user(user)
                for domain, found in (
                    ([("checkin_overdue", "=", True)], sees),
                    ([("checkin_overdue", "!=", False)], sees),
                    ([("checkin_overdue", "=", False)], not sees),
                    ([("next_checkin_date", "<", "2026-03-01")], sees),
                    ([("last_checkin_date", "=", "2026-01-05")], sees),
                ):
                    with self.subTest(user=user.name, model=model, domain=domain):
                        self.assertEqual(eva in Model.search(domain).ids, found)

    def test_reviewer_post_does_not_become_follower(self):
        reviewer = mail_new_test_user(
            self.env, login="perf_reviewer", name="Rita Reviewer"
        )
        request = self.env["hr.performance.feedback.request"].create(
            {
                "employee_id": self.emp_employee.id,
                "reviewer_user_id": reviewer.id,
                "anonymous": True,
            }
        )
        request.with_user(reviewer).message_post(body="Done soon")
        self.assertFalse(request.message_follower_ids)
        forged = (
            self.env["hr.performance.feedback.request"]
            .with_user(self.user_employee)
            .create(
                {
                    "employee_id": self.emp_employee.id,
                    "reviewer_user_id": reviewer.id,
                    "answer": "<p>Glowing</p>",
                    "submitted_date": "2026-01-01",
                    "state": "submitted",
                }
            )
        )
        self.assertEqual(
            (forged.sudo().state, forged.sudo().answer), ("requested", False)
        )

    def test_company_rules_on_checkin_details(self):
        other = self.env["res.company"].create({"name": "Other Co"})
        foreigner = self.env["hr.employee"].create(
            {"name": "Franz Foreign", "company_id": other.id}
        )
        checkin = self.env["hr.performance.checkin"].create(
            {
                "employee_id": foreigner.id,
                "private_note_ids": [(0, 0, {"body": "Elsewhere"})],
            }
        )
        notes = self.env["hr.performance.checkin.note"].with_user(self.user_officer)
        self.assertFalse(notes.search([("checkin_id", "=", checkin.id)]))
