import logging
import re

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import HttpCase, tagged

from . import test_calibration
from .common import HrPerformanceCase


@tagged("post_install", "-at_install")
class TestCalibrationRoom(HrPerformanceCase):
    """The data behind the calibration room (static/src/calibration_room):
    what it shows, to whom, and at what cost."""

    _reviews_in_calibration = test_calibration.TestCalibration._reviews_in_calibration

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.levels = cls.scale.level_ids.sorted("value")
        for level, target in zip(cls.levels, (10, 20, 40, 20, 10), strict=True):
            level.target_percent = target

    def _session(self, cycle):
        cycle.action_start_calibration()
        session = (
            self.env["hr.performance.calibration"]
            .with_user(self.user_officer)
            .create({"name": "Engineering calibration", "cycle_id": cycle.id})
        )
        session.action_start()
        return session

    def _room(self, session, user=None):
        return (
            self.env["hr.performance.calibration"]
            .with_user(user or self.user_officer)
            .get_room_data(session.id)
        )

    def test_room_draws_boxes_columns_and_statistics(self):
        cycle, reviews = self._reviews_in_calibration(
            [(4, 95.0), (4, 90.0), (2, 60.0), (0, 20.0)]
        )
        other = self.env["hr.employee"].create({"name": "Nora Lead"})
        self._reviews_in_calibration([(2, 55.0), (1, 40.0)], cycle, other)
        session = self._session(cycle)
        data = self._room(session)

        self.assertEqual(data["sessions"][0]["id"], session.id)
        self.assertEqual(data["sessions"][0]["cycle_id"], cycle.id)
        boxes = {box["cell"]: box for box in data["boxes"]}
        self.assertEqual(sorted(boxes), list(range(1, 10)))
        self.assertEqual(
            (boxes[9]["label"], boxes[5]["label"], boxes[1]["label"]),
            ("Future leader", "Core player", "Risk"),
        )
        room = data["session"]
        self.assertEqual(room["id"], session.id)
        people = {person["review_id"]: person for person in room["people"]}
        self.assertEqual(len(people), 6)
        # Medium potential: row 2 of the 9-box (cells 4 to 6).
        self.assertEqual(people[reviews[0].id]["cell"], 6)
        self.assertEqual(people[reviews[2].id]["cell"], 5)
        self.assertEqual(people[reviews[3].id]["cell"], 4)
        self.assertTrue(all(person["movable"] for person in people.values()))
        self.assertEqual(
            people[reviews[0].id]["employee_id"], reviews[0].employee_id.id
        )
        counts = [(level["count"], level["target_count"]) for level in room["levels"]]
        self.assertEqual(counts, [(1, 1), (1, 1), (2, 2), (0, 1), (2, 1)])
        self.assertEqual(room["pool"]["count"], 6)
        pool_mean = sum((5, 5, 3, 1, 3, 2)) / 6
        self.assertAlmostEqual(room["pool"]["mean"], pool_mean)
        managers = {group["id"]: group for group in room["managers"]}
        self.assertEqual(set(managers), {self.emp_manager.id, other.id})
        mine = managers[self.emp_manager.id]
        self.assertEqual((mine["count"], mine["name"]), (4, "Marco Manager"))
        self.assertAlmostEqual(mine["mean"], 3.5)
        self.assertLess(mine["low"], pool_mean)
        self.assertGreater(mine["high"], pool_mean)
        # Below the session's minimum group size (5): no z-score, no flag.
        self.assertTrue(mine["suppressed"])
        self.assertEqual(mine["flag"], "")
        self.assertEqual(room["departments"][0]["count"], 6)
        self.assertEqual(room["adjustments"], [])

    def test_room_logs_the_moves_of_its_session(self):
        cycle, reviews = self._reviews_in_calibration([(2, 60.0), (2, 50.0)])
        session = self._session(cycle)
        reviews[0].with_user(self.user_officer).with_context(
            calibration_id=session.id
        ).action_calibrate(self.levels[4].id, "Led the platform migration")
        room = self._room(session)["session"]
        self.assertEqual(
            [
                (row["review_id"], row["old_level"], row["new_level"], row["reason"])
                for row in room["adjustments"]
            ],
            [
                (
                    reviews[0].id,
                    self.levels[2].name,
                    self.levels[4].name,
                    "Led the platform migration",
                )
            ],
        )
        moved = next(p for p in room["people"] if p["review_id"] == reviews[0].id)
        self.assertEqual((moved["level_id"], moved["cell"]), (self.levels[4].id, 6))

    def test_a_drop_without_a_reason_is_refused_by_the_server(self):
        cycle, reviews = self._reviews_in_calibration([(2, 60.0)])
        self._session(cycle)
        review = reviews.with_user(self.user_officer)
        for reason in ("", "   ", False):
            with self.assertRaises(UserError):
                review.action_calibrate(self.levels[4].id, reason)
        # The dialog the room opens ends in the same method.
        action = review.action_open_calibrate()
        wizard = (
            self.env[action["res_model"]]
            .with_user(self.user_officer)
            .create(
                {
                    "review_ids": [Command.set(reviews.ids)],
                    "level_id": self.levels[4].id,
                    "reason": " ",
                }
            )
        )
        with self.assertRaises(UserError):
            wizard.action_apply()
        self.assertEqual(reviews.assessment_ids.rating_level_id, self.levels[2])
        self.assertFalse(reviews.calibration_adjustment_ids)

    def test_room_shows_nothing_of_a_session_holding_the_officers_own_review(self):
        cycle, _reviews = self._reviews_in_calibration([(2, 60.0), (3, 70.0)])
        own = self._reviews_in_calibration([(4, 99.0)], cycle)[1]
        own.employee_id.user_id = self.user_officer
        cycle.action_start_calibration()
        session = self.env["hr.performance.calibration"].create(
            {"name": "With Olga", "cycle_id": cycle.id}
        )
        self.assertIn(own, session.review_ids)
        data = self._room(session)
        self.assertNotIn(session.id, [s["id"] for s in data["sessions"]])
        self.assertFalse(data["session"])
        # The administrator, who is not in it, sees it.
        data = self._room(session, self.user_admin)
        self.assertEqual(data["session"]["id"], session.id)

    def test_employees_and_managers_have_no_room(self):
        cycle, _reviews = self._reviews_in_calibration([(2, 60.0)])
        session = self._session(cycle)
        for user in (self.user_employee, self.user_manager):
            with self.assertRaises(AccessError):
                self._room(session, user)

    def test_ids_that_cannot_be_ids_choose_no_session(self):
        """Out-of-range or forged ids over RPC: no database error, the room
        falls back to the latest session the user may read."""
        cycle, _reviews = self._reviews_in_calibration([(2, 60.0)])
        session = self._session(cycle)
        Room = self.env["hr.performance.calibration"].with_user(self.user_officer)
        for forged in (2**31, -1, "1; drop table", 10**20):
            with self.subTest(forged=forged):
                data = Room.get_room_data(calibration_id=forged, cycle_id=forged)
                self.assertEqual(data["session"]["id"], session.id)

    def test_room_is_opened_from_the_session(self):
        cycle, _reviews = self._reviews_in_calibration([(2, 60.0)])
        session = self._session(cycle)
        action = session.action_open_room()
        self.assertEqual(action["tag"], "hr_performance.calibration_room")
        self.assertEqual(action["params"], {"calibration_id": session.id})
        # A cycle chooses its latest session; nothing chooses the latest.
        model = self.env["hr.performance.calibration"].with_user(self.user_officer)
        self.assertEqual(
            model.get_room_data(cycle_id=cycle.id)["session"]["id"], session.id
        )
        self.assertEqual(model.get_room_data()["session"]["id"], session.id)

    def test_room_queries_do_not_grow_with_reviews(self):
        def count(size, expected=None):
            cycle = self._cycle(name=f"Cycle {size}", employee_ids=[])
            for index, lead in enumerate(("Ann", "Bob", "Cid", "Dee", "Eve")):
                manager = self.env["hr.employee"].create({"name": f"{lead} {size}"})
                self._reviews_in_calibration(
                    [(index % 5, 50.0)] * (size // 5), cycle, manager
                )
            session = self._session(cycle)
            reviews = session.review_ids[: size // 5]
            reviews.with_context(calibration_id=session.id).action_calibrate(
                self.levels[3].id, "Calibrated in the meeting"
            )
            self.env.flush_all()
            self.env.invalidate_all()
            model = self.env["hr.performance.calibration"].with_user(self.user_officer)
            before = self.env.cr.sql_log_count
            if expected is None:
                data = model.get_room_data(session.id)
            else:
                with self.assertQueryCount(expected):
                    data = model.get_room_data(session.id)
            queries = self.env.cr.sql_log_count - before
            self.assertEqual(len(data["session"]["people"]), size)
            self.assertEqual(len(data["session"]["adjustments"]), min(size // 5, 10))
            return queries

        count(10)  # warm the caches
        few = count(5)
        self.assertLessEqual(few, 25)
        count(50, expected=few)


@tagged("post_install", "-at_install")
class TestCalibrationRoomUi(HttpCase, HrPerformanceCase):
    def test_hr_drags_a_person_to_another_box_and_gives_the_reason(self):
        levels = self.scale.level_ids.sorted("value")
        session = self._calibration_session()
        cycle = session.cycle_id
        session.action_start()
        self.start_tour(
            "/odoo", "hr_performance_calibration_room", login="perf_officer"
        )
        eva = cycle.review_ids.filtered(lambda r: r.employee_id == self.emp_employee)
        self.assertEqual(eva.final_rating_level_id, levels[3])
        adjustment = eva.calibration_adjustment_ids
        self.assertEqual(
            (adjustment.reason, adjustment.user_id, adjustment.calibration_id),
            (
                "Leads the platform migration across two teams",
                self.user_officer,
                session,
            ),
        )

    def test_hoot_unit_tests(self):
        """The room's Hoot tests (static/tests/calibration_room.test.js): a
        failing one fails this test (Hoot's final error has no [HOOT] prefix),
        and so does a filter that runs none."""
        lines = []
        handler = logging.Handler(logging.INFO)
        handler.emit = lambda record: lines.append(record.getMessage())
        browser = self._logger.getChild("browser")
        browser.addHandler(handler)
        try:
            # The suite page reads the modules' dependencies: an administrator's.
            self.browser_js(
                "/web/tests?headless&loglevel=2&preset=desktop&timeout=15000"
                "&tag=hr_performance_calibration_room",
                "",
                "",
                login="admin",
                timeout=600,
                success_signal="[HOOT] test suite succeeded",
                error_checker=lambda message: "[HOOT]" not in message,
            )
        finally:
            browser.removeHandler(handler)
        passed = [
            int(match.group(1))
            for line in lines
            if (match := re.search(r"passed (\d+) tests", line))
        ]
        self.assertEqual(passed, [7])


@tagged("post_install", "-at_install")
class TestCalibrationRoomUiPhone(HttpCase, HrPerformanceCase):
    """The same drag at a phone's width, with a finger (a long press starts
    the drag, as Odoo's draggable wants on touch screens)."""

    browser_size = "390x844"
    touch_enabled = True

    test_hr_drags_a_person_to_another_box_and_gives_the_reason = (
        TestCalibrationRoomUi.test_hr_drags_a_person_to_another_box_and_gives_the_reason
    )
