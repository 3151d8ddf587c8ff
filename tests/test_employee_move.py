"""Employee moves (history rows recorded by the addon) and the turnover
analysis built on them, checked against hand-built histories."""

from datetime import date

from odoo import fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import HrPerformanceCase


@tagged("post_install", "-at_install")
class TestEmployeeMove(HrPerformanceCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Job = cls.env["hr.job"]
        cls.job_dev = Job.create({"name": "Developer", "performance_level": 1})
        cls.job_senior = Job.create(
            {"name": "Senior Developer", "performance_level": 2}
        )
        cls.job_writer = Job.create({"name": "Technical Writer"})
        cls.other_department = cls.env["hr.department"].create({"name": "Docs"})
        cls.resigned = cls.env.ref("hr.departure_resigned")
        cls.fired = cls.env.ref("hr.departure_fired")
        cls.retired = cls.env.ref("hr.departure_retired")

    def _hire(self, name, **vals):
        return self.env["hr.employee"].create(
            {
                "name": name,
                "department_id": self.department.id,
                "job_id": self.job_dev.id,
                "parent_id": self.emp_manager.id,
                **vals,
            }
        )

    def _leave(self, employee, reason, date="2026-03-31"):
        employee.write({"departure_reason_id": reason.id, "departure_date": date})
        employee.action_archive()

    def _moves(self, employee):
        return self.env["hr.performance.employee.move"].search(
            [("employee_id", "=", employee.id)], order="id"
        )

    def test_hire_promotion_transfer_job_change_departure(self):
        hugo = self._hire("Hugo")
        hugo.job_id = self.job_senior
        hugo.department_id = self.other_department
        hugo.job_id = self.job_writer
        hugo.checkin_frequency = "monthly"  # not a move
        self._leave(hugo, self.resigned)
        moves = self._moves(hugo)
        self.assertEqual(
            moves.mapped("kind"),
            ["hire", "promotion", "transfer", "job_change", "departure"],
        )
        hire, promotion, transfer, change, departure = moves
        self.assertEqual(hire.to_job_id, self.job_dev)
        self.assertEqual(hire.to_department_id, self.department)
        self.assertEqual(
            (promotion.from_job_id, promotion.to_job_id),
            (self.job_dev, self.job_senior),
        )
        self.assertEqual(
            (transfer.from_department_id, transfer.to_department_id),
            (self.department, self.other_department),
        )
        self.assertEqual(change.to_job_id, self.job_writer)
        self.assertEqual(str(departure.date), "2026-03-31")
        self.assertEqual(departure.departure_reason_id, self.resigned)
        self.assertEqual(departure.from_department_id, self.other_department)

    def test_rating_at_the_time(self):
        review = self._review(state="done", rating=5)
        self.assertTrue(review.final_rating_level_id)
        self.emp_employee.job_id = self.job_senior
        move = self._moves(self.emp_employee)[-1]
        self.assertEqual(move.rating_level_id, review.final_rating_level_id)
        self.assertTrue(move.high_performer)

    def test_managers_do_not_learn_why_someone_left(self):
        """The departure reason (fired, resigned...) is HR's, as on hr.employee:
        a manager reads the move and turnover rows of former reports, not why."""
        for model, fields_ in (
            ("hr.performance.employee.move", ["departure_reason_id"]),
            (
                "hr.performance.turnover.report",
                ["departure_reason_id", "voluntary", "involuntary_count"],
            ),
        ):
            for field in fields_:
                with (
                    self.subTest(model=model, field=field),
                    self.assertRaises(AccessError),
                ):
                    self.env[model].with_user(self.user_manager).search_read(
                        [], [field]
                    )

    def test_history_is_never_changed(self):
        hugo = self._hire("Hugo")
        move = self._moves(hugo)
        for user in (self.user_officer, self.user_admin, self.user_manager):
            with self.assertRaises(UserError):
                move.with_user(user).write({"kind": "promotion"})
            with self.assertRaises(UserError):
                move.with_user(user).unlink()
            with self.assertRaises(UserError):
                self.env["hr.performance.employee.move"].with_user(user).create(
                    {"employee_id": hugo.id, "kind": "hire", "date": "2026-01-01"}
                )
        self.assertEqual(self._moves(hugo), move)

    def test_turnover_against_a_hand_built_history(self):
        star = self._hire("Star")
        self._review(employees=star, state="done", rating=5)
        retiree = self._hire("Retiree")
        self._review(employees=retiree, state="done", rating=4, name="Other cycle")
        average = self._hire("Average")
        fired = self._hire("Fired")
        self._hire("Stays")
        self._leave(star, self.resigned, "2026-02-10")
        self._leave(retiree, self.retired, "2026-02-20")
        self._leave(average, self.resigned, "2026-05-05")
        self._leave(fired, self.fired, "2026-05-06")
        unknown = self._hire("Unknown")
        unknown.action_archive()  # no reason given: a departure, no more
        Report = self.env["hr.performance.turnover.report"]
        rows = Report.search([])
        self.assertEqual(rows.employee_id, star | retiree | average | fired | unknown)
        totals = Report._read_group(
            [],
            [],
            [
                "departure_count:sum",
                "voluntary_count:sum",
                "involuntary_count:sum",
                "high_performer_count:sum",
                "regretted_count:sum",
            ],
        )[0]
        self.assertEqual(totals, (5, 3, 1, 2, 1))
        by_quarter = dict(
            Report._read_group([], ["date:quarter"], ["departure_count:sum"])
        )
        self.assertEqual(sorted(by_quarter.values()), [1, 2, 2])
        star_row = rows.filtered(lambda r: r.employee_id == star)
        self.assertTrue(star_row.voluntary and star_row.high_performer)

    def test_who_reads_moves_and_turnover(self):
        hugo = self._hire("Hugo")
        self._leave(hugo, self.resigned)
        for model in ("hr.performance.employee.move", "hr.performance.turnover.report"):
            with self.subTest(model=model):
                Model = self.env[model]
                self.assertTrue(
                    Model.with_user(self.user_officer).search(
                        [("employee_id", "=", hugo.id)]
                    )
                )
                self.assertTrue(
                    Model.with_user(self.user_manager).search(
                        [("employee_id", "=", hugo.id)]
                    )
                )
                # The manager's own history is not theirs to read here.
                self.assertFalse(
                    Model.with_user(self.user_manager).search(
                        [("employee_id", "=", self.emp_manager.id)]
                    )
                )
                self.assertFalse(Model.with_user(self.user_employee).search([]))
                self.assertFalse(Model.with_user(self.user_peer).search([]))

    def test_time_to_productivity(self):
        hugo, slow = self._hire("Hugo"), self._hire("Slow")
        # Hand-built: both arrived on the first of January.
        self.env.cr.execute(
            "UPDATE hr_performance_employee_move SET date = '2026-01-01'"
            " WHERE kind = 'hire' AND employee_id IN %s",
            [(hugo.id, slow.id)],
        )
        goal = self._goal(name="Ship the first feature", employee_id=hugo.id)
        goal.action_activate()
        self.env["hr.performance.goal.update"].create(
            {"goal_id": goal.id, "progress": 100}
        )
        goal.action_done()
        self._review(employees=hugo, state="done", rating=3)
        self._review(employees=slow, state="done", rating=2, name="Slow's cycle")
        self.env.invalidate_all()
        Report = self.env["hr.performance.outcome.report"]
        rows = Report.search([("employee_id", "in", (hugo | slow).ids)])
        self.assertEqual(len(rows), 2)
        hugo_row = rows.filtered(lambda r: r.employee_id == hugo)
        slow_row = rows - hugo_row
        today = fields.Date.context_today(goal)
        self.assertEqual(hugo_row.first_goal_date, today)
        self.assertEqual(hugo_row.days_to_first_goal, (today - date(2026, 1, 1)).days)
        self.assertEqual(hugo_row.first_meets_date, date(2026, 12, 31))
        self.assertEqual(hugo_row.days_to_meets, 364)
        self.assertFalse(slow_row.first_goal_date or slow_row.first_meets_date)
        [[average]] = Report._read_group(
            [("id", "in", rows.ids)], [], ["days_to_meets:avg"]
        )
        self.assertEqual(average, 364, "people not there yet are left out")
        self.assertEqual(
            Report.with_user(self.user_manager).search([("id", "in", rows.ids)]),
            rows,
        )
        self.assertFalse(Report.with_user(self.user_employee).search([]))
