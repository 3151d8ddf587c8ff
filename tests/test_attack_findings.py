"""Outside security review: each test demonstrates one hole found by
attacking the addon as an employee, a manager, an HR officer (on their own
records too) and a portal user. Every test fails while the hole is open; a
fix that refuses the attack (or makes it harmless) makes it pass."""

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import HttpCase, tagged
from odoo.tools import mute_logger

from .common import HrPerformanceCase

REFUSED = (AccessError, UserError, ValidationError)


@tagged("post_install", "-at_install")
class TestAttackFindings(HttpCase, HrPerformanceCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.levels = cls.scale.level_ids.sorted("value")
        cls.user_pia = cls._user("perf_pia", "Pia Colleague")
        cls.emp_pia = cls.env["hr.employee"].create(
            {
                "name": "Pia Colleague",
                "user_id": cls.user_pia.id,
                "parent_id": cls.emp_manager.id,
            }
        )
        # Olga, HR officer, reports to Marco like Eva and Pablo.
        cls.emp_officer = cls.env["hr.employee"].create(
            {
                "name": "Olga Officer",
                "user_id": cls.user_officer.id,
                "parent_id": cls.emp_manager.id,
            }
        )

    # ------------------------------------------------------------ helpers

    def _review_to_calibration(self, review, self_level, manager_level):
        """Self review by the employee, manager review by Marco (as superuser:
        only the state matters here)."""
        for line in review.self_line_ids:
            line.rating_level_id = self_level if line.answer_type != "text" else False
            line.comment = "<p>Proud of my year</p>"
        review.action_submit_self_review()
        for line in review.manager_line_ids:
            line.rating_level_id = (
                manager_level if line.answer_type != "text" else False
            )
            line.comment = "<p>Below the bar</p>"
        review.assessment_ids.write(
            {"proposed_rating_level_id": manager_level.id, "potential": "low"}
        )
        review.action_submit_manager_review()

    def _officer_cycle_in_calibration(self):
        cycle = self._cycle(employee_ids=[self.emp_officer.id, self.emp_employee.id])
        cycle.action_launch()
        for review in cycle.review_ids:
            self._review_to_calibration(review, self.levels[3], self.levels[1])
        cycle.action_start_calibration()
        review = cycle.review_ids.filtered(lambda r: r.employee_id == self.emp_officer)
        return cycle, review

    def _assert_refused(self, call, message):
        """``call()`` raises one of Odoo's refusals (the assertRaises of
        Odoo's test cases takes one class only)."""
        try:
            with self.env.cr.savepoint():
                call()
        except REFUSED:
            return
        self.fail(message)

    def _anonymous_answer(self, subject, reviewer, requester, text, **vals):
        request = (
            self.env["hr.performance.feedback.request"]
            .with_user(requester)
            .create(
                {
                    "employee_id": subject.id,
                    "reviewer_user_id": reviewer.id,
                    "anonymous": True,
                    "question": "How is it to work with them?",
                    **vals,
                }
            )
        )
        request.with_user(reviewer).write({"answer": f"<p>{text}</p>"})
        request.with_user(reviewer).action_submit()
        return request

    # ------------------------------------------------------------ 1 (SECURITY 21)

    @mute_logger("odoo.http")
    def test_officer_unlinking_own_user_becomes_hr_on_own_records(self):
        """An HR officer (who is an Employees officer too) writes user_id=False
        on her own employee over JSON-RPC: every "own record" check is
        employee_id.user_id, so she is then "HR on someone else's records":
        she unmasks her anonymous reviewer, reads her unreleased rating and
        calibrates herself; then she links her user back."""
        _cycle, review = self._officer_cycle_in_calibration()
        request = self._anonymous_answer(
            self.emp_officer, self.user_peer, self.user_manager, "Late, always"
        )
        self.env["hr.performance.review"].browse(review.id).with_user(
            self.user_admin
        ).action_calibrate(self.levels[0], "Payroll closed late three times")

        self.authenticate(self.user_officer.login, self.user_officer.login)
        self._rpc("hr.employee", "write", [[self.emp_officer.id], {"user_id": False}])
        self.env.invalidate_all()
        unmasked = self._rpc(
            "hr.performance.feedback.request",
            "read",
            [[request.id], ["reviewer_user_id", "answer"]],
        )
        rating = self._rpc(
            "hr.performance.review", "read", [[review.id], ["final_rating_level_id"]]
        )
        calibrated = self._rpc(
            "hr.performance.review",
            "action_calibrate",
            [[review.id], self.levels[4].id, "Outstanding year"],
        )
        self._rpc(
            "hr.employee",
            "write",
            [[self.emp_officer.id], {"user_id": self.user_officer.id}],
        )
        self.env.invalidate_all()
        with self.subTest("her anonymous reviewer"):
            self.assertIn("error", unmasked, f"Olga unmasked her reviewer: {unmasked}")
        with self.subTest("her unreleased rating"):
            self.assertFalse(
                "result" in rating and rating["result"][0]["final_rating_level_id"],
                f"Olga read her unreleased rating: {rating}",
            )
        with self.subTest("she rates herself"):
            self.assertIn("error", calibrated)
            self.assertEqual(
                review.assessment_ids.final_rating_level_id,
                self.levels[0],
                "Olga calibrated her own review",
            )

    # ------------------------------------------------------------ 2 (SECURITY 21, 2)

    def test_officer_reads_own_unreleased_rating_in_a_calibration_session(self):
        """The officer creates a calibration session whose review_ids (a
        writable many2many) hold her own review: the 9-box (raw SQL in
        _rows) names her in her cell and the statistics give her rating's
        value, while final_rating_level_id reads empty to her."""
        cycle, review = self._officer_cycle_in_calibration()
        review.with_user(self.user_admin).action_calibrate(
            self.levels[0], "Below the team's bar"
        )
        mine = review.with_user(self.user_officer)
        self.assertFalse(mine.final_rating_level_id)
        try:
            session = (
                self.env["hr.performance.calibration"]
                .with_user(self.user_officer)
                .create(
                    {
                        "name": "Just me",
                        "cycle_id": cycle.id,
                        "review_ids": [Command.set([review.id])],
                        "min_group_size": 1,
                    }
                )
            )
            session.action_start()
        except REFUSED:
            return  # refused: nothing leaks
        with self.subTest("9-box"):
            self.assertNotIn(
                self.emp_officer.name,
                str(session.nine_box),
                "the 9-box shows Olga her own unreleased performance band and potential",
            )
        with self.subTest("statistics"):
            self.assertFalse(
                session.stat_ids.filtered(
                    lambda s: s.count == 1 and s.mean_rating == self.levels[0].value
                ),
                "the statistics give Olga her own unreleased rating",
            )

    # ------------------------------------------------------------ 3 (SECURITY 20)

    def test_employee_rewrites_a_held_checkin(self):
        """A check-in that took place "is kept as it was", yet the employee
        rewrites the manager's shared notes, the mood and the date, and the
        manager's agenda items."""
        checkin = (
            self.env["hr.performance.checkin"]
            .with_user(self.user_manager)
            .create(
                {
                    "employee_id": self.emp_employee.id,
                    "date": "2026-03-02",
                    "mood": 2,
                    "notes": "<p>Agreed: an improvement plan starts in April</p>",
                    "agenda_item_ids": [Command.create({"name": "Missed deadlines"})],
                }
            )
        )
        checkin.action_done()
        mine = checkin.with_user(self.user_employee)
        for vals in (
            {"notes": "<p>All good, no concern</p>"},
            {"mood": 5},
            {"date": "2025-01-01"},
        ):
            with self.subTest(vals=vals):
                self._assert_refused(
                    lambda vals=vals: mine.write(vals),
                    f"Eva rewrote the held check-in: {vals}",
                )
        with self.subTest("the manager's agenda item"):
            self._assert_refused(
                lambda: checkin.agenda_item_ids.with_user(self.user_employee).write(
                    {"name": "Praise for the release", "done": True}
                ),
                "Eva rewrote Marco's agenda item of a held check-in",
            )

    # ------------------------------------------------------------ 4 (SECURITY 20)

    def test_hr_rewrites_an_acknowledged_review(self):
        """After the employee acknowledged with a dissenting comment, an HR
        officer rewrites that comment and the employee's self-review answers;
        nothing tracks it."""
        cycle = self._cycle(employee_ids=[self.emp_employee.id])
        cycle.action_launch()
        review = cycle.review_ids
        self._review_to_calibration(review, self.levels[3], self.levels[1])
        cycle.action_start_calibration()
        cycle.action_release()
        review.with_user(self.user_employee).write(
            {"employee_comment": "I disagree with this rating"}
        )
        review.with_user(self.user_employee).action_acknowledge()
        self.assertEqual(review.state, "done")
        hr = review.with_user(self.user_officer)
        with self.subTest("the employee's dissent"):
            self._assert_refused(
                lambda: hr.write({"employee_comment": "I agree with this rating"}),
                "HR rewrote the employee's acknowledgement comment",
            )
        with self.subTest("the employee's self review"):
            self._assert_refused(
                lambda: (
                    review.self_line_ids[:1]
                    .with_user(self.user_officer)
                    .write(
                        {
                            "comment": "<p>I did little</p>",
                            "rating_level_id": self.levels[0].id,
                        }
                    )
                ),
                "HR rewrote the employee's submitted self review",
            )
        self.assertEqual(review.employee_comment, "I disagree with this rating")

    # ------------------------------------------------------------ 5 (SECURITY 10, 22)

    def test_anonymity_threshold_counts_people_not_requests(self):
        """k = 3. Eva asks Pablo (a friend) twice, anonymously, outside any
        review; he answers both with texts she knows. Marco asks Pia about
        Eva, anonymously, outside any review. The three answers form one group
        ("Feedback you asked for"): Eva reads Pia's answer, alone, with two
        distinct reviewers only."""
        self.assertEqual(self.company.performance_anonymity_threshold, 3)
        for text in ("known one", "known two"):
            self._anonymous_answer(
                self.emp_employee, self.user_peer, self.user_employee, text
            )
        self._anonymous_answer(
            self.emp_employee,
            self.user_pia,
            self.user_manager,
            "Pia thinks Eva blocks every review",
        )
        summary = (
            self.env["hr.performance.feedback.summary"]
            .with_user(self.user_employee)
            .create({})
        )
        self.assertNotIn(
            "Pia thinks",
            str(summary.answers),
            "one colleague's answer shown: the threshold counted Pablo twice",
        )

    # ------------------------------------------------------------ 6 (SECURITY 23)

    def test_reassigned_goal_leaves_its_reminder_with_the_former_owner(self):
        """The "Goal Update" reminder stays assigned to Eva after Marco moves
        the goal to Pablo: Eva can no longer read the goal, yet she keeps its
        activity, whose res_name follows the goal's new name (and Pablo gets
        no reminder while hers is open)."""
        goal = self._goal(name="Eva's onboarding goal")
        goal.action_activate()
        # What the daily reminder job does (_cron_update_reminders).
        goal._schedule_activity_once(
            "hr_performance.mail_activity_type_goal_update",
            "2026-01-15",
            lambda g: g.user_id,
            lambda g: f"Record an update on {g.name}",
        )
        goal.with_user(self.user_manager).write(
            {"employee_id": self.emp_peer.id, "name": "Pablo: improvement plan"}
        )
        with self.assertRaises(AccessError):
            goal.with_user(self.user_employee).read(["name"])
        activities = (
            self.env["mail.activity"]
            .with_user(self.user_employee)
            .search([("res_model", "=", goal._name), ("res_id", "=", goal.id)])
        )
        self.assertFalse(
            activities,
            f"Eva keeps an activity on a goal she cannot read: "
            f"{activities.read(['summary', 'res_name'])}",
        )

    # ------------------------------------------------------------ 7 (links to unreadable records)

    def test_goal_aligned_to_an_unreadable_goal_shows_its_name(self):
        """Marco aligns Eva's goal to one of his own individual goals, which
        Eva may not read: reading her goal, she gets its name (many2one
        display names are read as superuser)."""
        secret = self._goal(
            name="Replace Eva by Q3", employee_id=self.emp_manager.id
        ).with_user(self.user_manager)
        with self.assertRaises(AccessError):
            secret.with_user(self.user_employee).read(["name"])
        try:
            goal = (
                self.env["hr.performance.goal"]
                .with_user(self.user_manager)
                .create(
                    {
                        "name": "Eva's Q3 goal",
                        "scope": "individual",
                        "employee_id": self.emp_employee.id,
                        "parent_id": secret.id,
                    }
                )
            )
        except REFUSED:
            return  # refused: nothing leaks
        read = goal.with_user(self.user_employee).read(["parent_id"])
        self.assertNotIn("Replace Eva", str(read), read)

    # ------------------------------------------------------------ 8 (re-parenting, weights)

    def test_sub_goal_owner_dictates_the_parents_progress(self):
        """A department goal rolls up Eva's and Pablo's cascaded goals. Eva
        may not write the department goal, yet by setting her own goal's
        weight to 1e9 she sets its progress to ~100 %."""
        parent = self._goal(
            name="Department: ship v2",
            scope="department",
            employee_id=False,
            department_id=self.department.id,
            progress_mode="children",
        )
        eva = self._goal(name="Eva: ship v2 API", parent_id=parent.id)
        self._goal(
            name="Pablo: ship v2 UI", parent_id=parent.id, employee_id=self.emp_peer.id
        )
        with self.assertRaises(AccessError):
            parent.with_user(self.user_employee).write({"name": "Done already"})
        eva.with_user(self.user_employee).write({"progress": 100.0})
        self._settle_rollups()
        self.assertAlmostEqual(parent.progress, 50.0)
        try:
            eva.with_user(self.user_employee).write({"weight": 1e9})
        except REFUSED:
            return
        self._settle_rollups()
        self.assertLessEqual(
            parent.progress,
            50.0 + 1e-6,
            "Eva's weight decides the department's progress",
        )

    # ------------------------------------------------------------ 9 (SECURITY 4, 10)

    def test_self_edited_manager_opens_manager_only_records(self):
        """With Odoo's standard "Employee Editing" setting, an employee sets
        their own manager (res.users.employee_parent_id is self-writeable):
        the colleague picked at once reads the manager-only private notes and
        who answered the anonymous requests about the employee."""
        self.env["ir.config_parameter"].sudo().set_param(
            "hr.hr_employee_self_edit", True
        )
        request = self._anonymous_answer(
            self.emp_employee, self.user_pia, self.user_manager, "Hard to work with"
        )
        checkin = (
            self.env["hr.performance.checkin"]
            .with_user(self.user_manager)
            .create(
                {
                    "employee_id": self.emp_employee.id,
                    "private_note_ids": [Command.create({"body": "Flight risk"})],
                }
            )
        )
        try:
            self.user_employee.with_user(self.user_employee).write(
                {"employee_parent_id": self.emp_peer.id}
            )
        except REFUSED:
            return  # refused: the org chart stays HR's
        self.env.invalidate_all()
        with self.subTest("anonymous reviewer"), self.assertRaises(AccessError):
            request.with_user(self.user_peer).read(["reviewer_user_id", "answer"])
        with self.subTest("private note"), self.assertRaises(AccessError):
            checkin.private_note_ids.with_user(self.user_peer).read(["body"])

    # ------------------------------------------------------------ 10 (links)

    def test_360_request_about_someone_else_feeds_a_review(self):
        """A request's review must be about its subject: the request wizard
        checks it, create() does not. Marco files answers about Pablo into
        Eva's review, where they count in Eva's peer score."""
        cycle = self._cycle(employee_ids=[self.emp_employee.id, self.emp_peer.id])
        cycle.action_launch()
        eva_review = cycle.review_ids.filtered(
            lambda r: r.employee_id == self.emp_employee
        )
        self._assert_refused(
            lambda: (
                self.env["hr.performance.feedback.request"]
                .with_user(self.user_manager)
                .create(
                    {
                        "employee_id": self.emp_peer.id,
                        "review_id": eva_review.id,
                        "reviewer_user_id": self.user_pia.id,
                        "relation": "peer",
                        "anonymous": True,
                    }
                )
            ),
            "a request about Pablo was filed into Eva's review",
        )

    # ------------------------------------------------------------ smaller ones

    def test_a_future_dated_update_cannot_freeze_a_goal(self):
        """An update dated 9999-12-31 would make every real update look
        back-dated, and updates are never deleted."""
        goal = self._goal(name="Eva's goal")
        Update = self.env["hr.performance.goal.update"].with_user(self.user_employee)
        with self.assertRaises(ValidationError):
            Update.create({"goal_id": goal.id, "progress": 5, "date": "9999-12-31"})
        Update.create({"goal_id": goal.id, "progress": 30})
        self.assertEqual(goal.progress, 30)

    def test_a_feedback_request_is_not_a_mailing(self):
        users = self.env["res.users"]
        for i in range(21):
            users |= self._user(f"perf_many_{i}", f"Colleague {i}")
        wizard = (
            self.env["hr.performance.feedback.request.wizard"]
            .with_user(self.user_employee)
            .create(
                {
                    "employee_id": self.emp_employee.id,
                    "reviewer_user_ids": [Command.set(users.ids)],
                }
            )
        )
        with self.assertRaises(UserError):
            wizard.action_send()
