from datetime import date

from freezegun import freeze_time

from odoo.addons.mail.tests.common import mail_new_test_user
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .common import HrPerformanceCase


@tagged("post_install", "-at_install")
class TestCheckin(HrPerformanceCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Checkin = cls.env["hr.performance.checkin"]

    def _checkin(self, **vals):
        return self.Checkin.create({"employee_id": self.emp_employee.id, **vals})

    def test_manager_is_the_employees_manager(self):
        checkin = self._checkin()
        self.assertEqual(checkin.manager_id, self.emp_manager)
        self.assertEqual(checkin.manager_user_id, self.user_manager)
        self.assertIn("Eva Employee", checkin.display_name)

    def test_open_agenda_items_carry_over_once(self):
        first = self._checkin(
            date="2026-03-02",
            agenda_item_ids=[
                (0, 0, {"name": "Salary review", "done": True}),
                (0, 0, {"name": "Conference budget"}),
            ],
        )
        first.action_done()
        second = self._checkin(date="2026-03-16")
        self.assertEqual(second.agenda_item_ids.mapped("name"), ["Conference budget"])
        self.assertEqual(
            second.agenda_item_ids.carried_from_id, first.agenda_item_ids[1]
        )
        third = self._checkin(date="2026-03-30")
        self.assertFalse(third.agenda_item_ids, "an item is carried over once")
        second.action_done()  # still open: moves on to the next planned check-in
        self.assertEqual(third.agenda_item_ids.mapped("name"), ["Conference budget"])
        self.assertFalse(self._checkin(employee_id=self.emp_peer.id).agenda_item_ids)

    def test_a_topic_already_on_the_agenda_is_not_carried_twice(self):
        first = self._checkin(
            date="2026-03-02",
            agenda_item_ids=[
                (0, 0, {"name": "Training budget"}),
                (0, 0, {"name": "On-call rota"}),
            ],
        )
        second = self._checkin(
            date="2026-03-16", agenda_item_ids=[(0, 0, {"name": "training  Budget"})]
        )
        first.action_done()
        self.assertEqual(
            sorted(second.agenda_item_ids.mapped("name")),
            ["On-call rota", "training  Budget"],
        )
        self.assertTrue(
            all(first.agenda_item_ids.mapped("carried_over")),
            "both topics are on the next agenda",
        )
        third = self._checkin(date="2026-03-30")
        second.action_done()
        self.assertEqual(
            sorted(third.agenda_item_ids.mapped("name")),
            ["On-call rota", "training  Budget"],
        )

    def test_action_items_become_activities(self):
        checkin = self._checkin(
            action_item_ids=[
                (
                    0,
                    0,
                    {
                        "name": "Book the training",
                        "user_id": self.user_employee.id,
                        "date_deadline": "2026-04-01",
                    },
                ),
                (
                    0,
                    0,
                    {
                        "name": "Approve the budget",
                        "user_id": self.user_manager.id,
                        "date_deadline": "2026-04-05",
                    },
                ),
            ]
        )
        self.assertFalse(checkin.activity_ids)
        checkin.with_user(self.user_manager).action_done()
        activities = checkin.activity_ids.sorted("date_deadline")
        self.assertEqual(
            activities.mapped("summary"), ["Book the training", "Approve the budget"]
        )
        self.assertEqual(activities.user_id, self.user_employee | self.user_manager)
        self.assertEqual(activities[0].date_deadline, date(2026, 4, 1))
        self.assertEqual(checkin.action_item_ids.activity_id, activities)

    def test_bad_input(self):
        count = self.Checkin.search_count([])
        with self.assertRaisesRegex(ValidationError, "themselves"):
            self._checkin(manager_id=self.emp_employee.id)
        for mood in (6, -1):
            with self.assertRaisesRegex(ValidationError, "mood"):
                self._checkin(mood=mood)
        self.assertEqual(self.Checkin.search_count([]), count)
        checkin = self._checkin(mood=3)
        with self.assertRaisesRegex(ValidationError, "mood"):
            checkin.write({"mood": 9})
        with (
            self.assertRaisesRegex(ValidationError, "themselves"),
            self.env.cr.savepoint(),
        ):
            checkin.write({"manager_id": self.emp_employee.id})
        checkin.invalidate_recordset()
        self.assertEqual((checkin.mood, checkin.manager_id), (3, self.emp_manager))

    def test_cadence_on_employee(self):
        self.emp_employee.checkin_frequency = "weekly"
        for day, mood in (
            ("2026-03-03", 2),
            ("2026-03-10", 2),
            ("2026-03-17", 4),
            ("2026-03-24", 4),
        ):
            self._checkin(date=day, mood=mood).action_done()
        self._checkin(date="2026-03-31", mood=1)  # planned: does not count
        employee = self.emp_employee
        self.assertEqual(employee.last_checkin_date, date(2026, 3, 24))
        self.assertEqual(employee.next_checkin_date, date(2026, 3, 31))
        self.assertEqual((employee.last_mood, employee.mood_trend), (4, "up"))
        employee.checkin_frequency = "monthly"
        self.assertEqual(employee.next_checkin_date, date(2026, 4, 24))
        employee.checkin_frequency = "none"
        self.assertFalse(employee.next_checkin_date)
        with freeze_time("2026-05-01"):
            employee.checkin_frequency = "monthly"
            overdue = self.env["hr.employee"].search([("checkin_overdue", "=", True)])
            self.assertIn(employee, overdue)
            public = (
                self.env["hr.employee.public"]
                .with_user(self.user_manager)
                .search(
                    [
                        ("checkin_overdue", "=", True),
                        ("parent_id", "=", self.emp_manager.id),
                    ]
                )
            )
            self.assertEqual(public.id, employee.id)
            self.assertEqual(public.next_checkin_date, date(2026, 4, 24))

    def test_default_frequency_from_settings(self):
        self.company.performance_checkin_frequency = "biweekly"
        newcomer = self.env["hr.employee"].create({"name": "Nina Newcomer"})
        self.assertEqual(newcomer.checkin_frequency, "biweekly")


@tagged("post_install", "-at_install")
class TestCheckinCron(HrPerformanceCase):
    def _due_activities(self):
        return self.env["mail.activity"].search(
            [
                (
                    "activity_type_id",
                    "=",
                    self.env.ref("hr_performance.mail_activity_type_checkin_due").id,
                )
            ]
        )

    def test_overdue_reminders_without_duplicates(self):
        with freeze_time("2026-03-01"):
            (self.emp_employee | self.emp_peer).write({"checkin_frequency": "weekly"})
            self.env["hr.performance.checkin"].create(
                {
                    "employee_id": self.emp_employee.id,
                    "date": "2026-02-20",
                    "state": "done",
                }
            )
            self.env["hr.performance.checkin"].create(
                {"employee_id": self.emp_peer.id, "date": "2026-02-27", "state": "done"}
            )
        with freeze_time("2026-03-05"):
            cron = self.env["hr.performance.checkin"]._cron_checkin_due
            cron()
            cron()
            activities = self._due_activities()
            self.assertEqual(len(activities), 1)
            self.assertEqual(activities.user_id, self.user_manager)
            planned = self.env["hr.performance.checkin"].browse(activities.res_id)
            self.assertEqual(
                (planned.employee_id, planned.state), (self.emp_employee, "planned")
            )
            planned.with_user(self.user_manager).action_done()
            self.assertFalse(self._due_activities())

    def test_cron_queries_do_not_grow_per_employee(self):
        mail_on = {
            "tracking_disable": False,
            "mail_create_nolog": False,
            "mail_create_nosubscribe": False,
            "mail_notrack": False,
        }
        employees = self.env["hr.employee"].create(
            [
                {"name": f"Report {i}", "parent_id": self.emp_manager.id}
                for i in range(16)
            ]
        )
        self.env["hr.performance.checkin"].create(
            [
                {"employee_id": e.id, "date": "2026-01-01", "state": "done"}
                for e in employees
            ]
        )
        checkins = self.env["hr.performance.checkin"].with_context(**mail_on)

        def run(population):
            (employees - population).write({"checkin_frequency": "none"})
            population.write({"checkin_frequency": "weekly"})
            checkins.search(
                [("employee_id", "in", employees.ids), ("state", "=", "planned")]
            ).write({"state": "cancelled"})
            self._due_activities().unlink()
            self.env.flush_all()
            self.env.invalidate_all()
            before = self.env.cr.sql_log_count
            checkins._cron_checkin_due()
            self.env.flush_all()
            self.assertEqual(len(self._due_activities()), len(population))
            return self.env.cr.sql_log_count - before

        with freeze_time("2026-03-01"):
            run(employees[:1])  # warm the caches
            few = run(employees[:2])
            many = run(employees[:14])
        # Twelve more overdue employees, each with a new planned check-in and an
        # activity: batched creates, so the count stays flat.
        self.assertLessEqual(many - few, 2, (few, many))


@tagged("post_install", "-at_install")
class TestCheckinAccess(HrPerformanceCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.user_outsider = mail_new_test_user(
            cls.env, login="perf_outsider", name="Oscar Outsider"
        )
        cls.emp_outsider = cls.env["hr.employee"].create(
            {"name": "Oscar Outsider", "user_id": cls.user_outsider.id}
        )
        cls.checkin = cls.env["hr.performance.checkin"].create(
            {
                "employee_id": cls.emp_employee.id,
                "private_note_ids": [
                    (0, 0, {"body": "Considering her for the team lead role"})
                ],
            }
        )

    def test_who_reads(self):
        for user in (self.user_employee, self.user_manager, self.user_officer):
            self.assertEqual(
                self.env["hr.performance.checkin"].with_user(user).search([]),
                self.checkin,
                user.login,
            )
        for user in (self.user_peer, self.user_outsider):
            self.assertFalse(
                self.env["hr.performance.checkin"].with_user(user).search([]),
                user.login,
            )
            with self.assertRaises(AccessError):
                self.checkin.with_user(user).read(["notes"])

    def test_private_notes_hidden_from_the_employee(self):
        notes = self.env["hr.performance.checkin.note"]
        self.assertFalse(notes.with_user(self.user_employee).search([]))
        with self.assertRaises(AccessError):
            self.checkin.private_note_ids.with_user(self.user_employee).read(["body"])
        self.assertFalse(self.checkin.with_user(self.user_employee).can_lead)
        self.assertEqual(len(notes.with_user(self.user_manager).search([])), 1)
        self.assertEqual(len(notes.with_user(self.user_officer).search([])), 1)
        self.assertFalse(
            self.checkin.message_ids.filtered(lambda m: "team lead" in (m.body or "")),
            "private notes never reach the chatter",
        )

    def test_employee_takes_part_but_does_not_decide(self):
        checkin = self.checkin.with_user(self.user_employee)
        checkin.write({"agenda_item_ids": [(0, 0, {"name": "Remote work"})], "mood": 4})
        with self.assertRaises(UserError):
            checkin.action_done()
        with self.assertRaises(UserError):
            checkin.write({"state": "done"})
        with self.assertRaises(UserError):
            checkin.write({"manager_id": self.emp_peer.id})
        with self.assertRaises(AccessError):
            self.env["hr.performance.checkin"].with_user(self.user_peer).create(
                {"employee_id": self.emp_employee.id}
            )
        self.checkin.with_user(self.user_manager).action_done()
        self.assertEqual(self.checkin.state, "done")

    def test_reorganisation_keeps_the_snapshot(self):
        self.emp_employee.parent_id = self.emp_outsider
        new = self.env["hr.performance.checkin"].create(
            {"employee_id": self.emp_employee.id}
        )
        self.assertEqual(new.manager_user_id, self.user_outsider)
        self.assertIn(
            self.checkin,
            self.env["hr.performance.checkin"].with_user(self.user_manager).search([]),
        )
        self.assertNotIn(
            new,
            self.env["hr.performance.checkin"].with_user(self.user_manager).search([]),
        )
        self.assertIn(
            new,
            self.env["hr.performance.checkin"].with_user(self.user_outsider).search([]),
        )

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
