from datetime import timedelta

from odoo import Command, fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import HrPerformanceCase


@tagged("post_install", "-at_install")
class TestReviewWriterData(HrPerformanceCase):
    """``get_writer_data``: what the review writer shows, read with the
    user's rights; the writer saves and submits through the usual guards."""

    def _data(self, review, user):
        review.env.invalidate_all()
        return review.with_user(user).get_writer_data()

    def _level(self, value):
        return self.scale.level_ids.filtered(lambda level: level.value == value)

    def test_employee_writes_own_answers_with_descriptions_and_scale(self):
        review = self._review("self_review")
        data = self._data(review, self.user_employee)
        self.assertEqual(data["review"]["role"], "self")
        self.assertTrue(data["review"]["editable"])
        self.assertEqual(
            {line["id"] for line in data["lines"]}, set(review.self_line_ids.ids)
        )
        ownership = next(line for line in data["lines"] if line["name"] == "Ownership")
        self.assertIn("Takes responsibility", ownership["description"])
        self.assertTrue(ownership["required"])
        self.assertEqual(
            [level["name"] for level in data["levels"]],
            self.scale.level_ids.sorted("value").mapped("name"),
        )
        self.assertTrue(all("description" in level for level in data["levels"]))
        self.assertFalse(data["assessment"])
        kinds = [section["kind"] for section in data["sections"]]
        self.assertIn("goals", kinds)

    def test_employee_gets_no_manager_answer_before_sharing(self):
        review = self._review("calibration", rating=4, self_rating=2)
        data = self._data(review, self.user_employee)
        self.assertEqual(data["review"]["role"], "self")
        self.assertFalse(data["review"]["editable"])
        self.assertEqual(
            {line["id"] for line in data["lines"]}, set(review.self_line_ids.ids)
        )
        self.assertFalse(any(line["counterpart_rating"] for line in data["lines"]))
        self.assertFalse(any(line["counterpart_comment"] for line in data["lines"]))
        self.assertFalse(data["assessment"])

    def test_employee_reads_manager_answers_once_shared(self):
        review = self._review("shared", rating=4, self_rating=2)
        data = self._data(review, self.user_employee)
        rated = [line for line in data["lines"] if line["answer_type"] != "text"]
        self.assertTrue(rated)
        self.assertEqual(
            {line["counterpart_rating"] for line in rated}, {self._level(4).name}
        )

    def test_manager_sees_the_submitted_self_review_beside(self):
        review = self._review("manager_review", rating=3, self_rating=4)
        data = self._data(review, self.user_manager)
        self.assertEqual(data["review"]["role"], "manager")
        self.assertTrue(data["review"]["editable"])
        self.assertEqual(
            {line["id"] for line in data["lines"]}, set(review.manager_line_ids.ids)
        )
        rated = [line for line in data["lines"] if line["answer_type"] != "text"]
        self.assertEqual(
            {line["counterpart_rating"] for line in rated}, {self._level(4).name}
        )
        self.assertEqual(
            {line["counterpart_comment"] for line in data["lines"]}, {"Because."}
        )
        self.assertEqual(
            [key for key, _label in data["assessment"]["potentials"]],
            ["low", "medium", "high"],
        )

    def test_manager_does_not_see_a_self_review_being_written(self):
        review = self._review("self_review")
        self._fill_answers(
            review.with_user(self.user_employee).self_line_ids, self._level(5)
        )
        data = self._data(review, self.user_manager)
        self.assertFalse(data["review"]["editable"])
        self.assertFalse(any(line["counterpart_rating"] for line in data["lines"]))

    def test_another_employee_gets_an_access_error(self):
        review = self._review("manager_review")
        with self.assertRaises(AccessError):
            self._data(review, self.user_peer)

    def test_deadline_days_left_and_goals_of_the_period(self):
        today = fields.Date.context_today(self.env["hr.performance.review"])
        in_period = self._goal(
            name="Ship the revamp", date_start="2026-02-01", date_deadline="2026-06-30"
        )
        self._goal(
            name="Last year's goal", date_start="2025-01-01", date_deadline="2025-06-30"
        )
        self._goal(name="Dropped", state="cancelled")
        self._goal(name="A colleague's", employee_id=self.emp_peer.id)
        review = self._review(
            "self_review", self_review_deadline=today + timedelta(days=5)
        )
        data = self._data(review, self.user_employee)
        self.assertEqual(data["review"]["days_left"], 5)
        self.assertEqual(data["review"]["deadline"], str(today + timedelta(days=5)))
        self.assertEqual(
            [goal["name"] for goal in data["goals"]], [in_period.name], data["goals"]
        )
        self.assertEqual(data["goals"][0]["health_label"], "Not Started")
        # The manager reads the same goals of the report.
        data = self._data(review, self.user_manager)
        self.assertEqual([goal["id"] for goal in data["goals"]], in_period.ids)

    def test_queries_do_not_grow_with_the_questions(self):
        def template(questions):
            return self.env["hr.performance.review.template"].create(
                {
                    "name": f"{questions} questions",
                    "section_ids": [
                        Command.create(
                            {"name": "Goals", "kind": "goals", "weight": 50}
                        ),
                        Command.create(
                            {
                                "name": "Questions",
                                "kind": "questions",
                                "weight": 50,
                                "question_ids": [
                                    Command.create(
                                        {"name": f"Q{n}", "answer_type": "rating_text"}
                                    )
                                    for n in range(questions)
                                ],
                            }
                        ),
                    ],
                }
            )

        small = self._review("manager_review", template_id=template(2).id)
        large = self._review(
            "manager_review",
            employees=self.emp_peer,
            name="Other cycle",
            template_id=template(12).id,
        )
        for employee in (self.emp_employee, self.emp_peer, self.emp_peer):
            self._goal(
                employee_id=employee.id,
                date_start="2026-02-01",
                date_deadline="2026-06-30",
            )
        self._data(small, self.user_manager)  # warm the caches of the registry
        small.env.invalidate_all()
        before = self.cr.sql_log_count
        self._data(small, self.user_manager)
        queries = self.cr.sql_log_count - before
        large.env.invalidate_all()
        with self.assertQueryCount(queries):
            data = large.with_user(self.user_manager).get_writer_data()
        self.assertEqual(len(data["lines"]), 12)

    def test_saving_and_submitting_go_through_the_guards(self):
        review = self._review("self_review")
        mine = review.with_user(self.user_employee)
        # The writer saves with write on the answers: the employee's only.
        manager_line = review.manager_line_ids[:1].with_user(self.user_employee)
        with self.assertRaises(AccessError):
            manager_line.write({"rating_level_id": self._level(5).id})
        # Submitting with a required answer missing: the action's error.
        with self.assertRaises(UserError):
            mine.action_submit_self_review()
        self._fill_answers(mine.self_line_ids, self._level(4))
        mine.action_submit_self_review()
        self.assertEqual(review.state, "manager_review")
        # Submitted: the writer shows it read-only and the answers stay.
        data = self._data(review, self.user_employee)
        self.assertFalse(data["review"]["editable"])
        with self.assertRaises(AccessError):
            mine.self_line_ids[:1].write({"rating_level_id": self._level(1).id})

    def test_form_button_opens_the_writer_on_the_review(self):
        review = self._review("self_review")
        action = review.with_user(self.user_employee).action_open_writer()
        self.assertEqual(action["tag"], "hr_performance.review_writer")
        self.assertEqual(action["context"], {"active_id": review.id})
