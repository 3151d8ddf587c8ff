"""SECURITY.md 23: followers follow read access. After a reorganisation, a
reassignment or a change of reviewer, whoever can no longer read a record
stops following it, and nobody hears of a record they cannot read, whatever
the path (``hr.performance.thread``)."""

from odoo import Command
from odoo.addons.base.tests.common import DISABLED_MAIL_CONTEXT
from odoo.addons.mail.tests.common import mail_new_test_user
from odoo.tests import tagged

from .common import HrPerformanceCase

# The chatter as users have it: creators and authors follow, tracking posts.
MAIL_ON = {key: False for key in DISABLED_MAIL_CONTEXT if key != "no_reset_password"}


@tagged("post_install", "-at_install")
class TestFollowers(HrPerformanceCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, **MAIL_ON))
        cls._add_second_line()
        # Eva's records, set up by Marco (who follows what he creates); Eva
        # and Iris follow them too.
        as_marco = cls.env(user=cls.user_manager)
        cls.goal = as_marco["hr.performance.goal"].create(
            {"name": "Eva's goal", "employee_id": cls.emp_employee.id}
        )
        cls.checkin = as_marco["hr.performance.checkin"].create(
            {"employee_id": cls.emp_employee.id}
        )
        cls.plan = as_marco["hr.performance.development.plan"].create(
            {"name": "Eva's plan", "employee_id": cls.emp_employee.id}
        )
        cls.review = cls._review(employee_ids=[cls.emp_employee.id, cls.emp_peer.id])
        cls.review.with_user(cls.user_manager).message_subscribe(
            cls.user_manager.partner_id.ids
        )
        cls.records = (cls.goal, cls.checkin, cls.plan, cls.review)
        for record in cls.records:
            for user in (cls.user_employee, cls.user_indirect):
                record.with_user(user).message_subscribe(user.partner_id.ids)

    # ------------------------------------------------------------ helpers

    def _followers(self, record):
        return record.sudo().message_partner_ids

    def _post(self, record, partners=None):
        """Post on ``record`` as the system, naming ``partners``: the
        partners the message names or notifies."""
        message = (
            self.env[record._name]
            .browse(record.id)
            .message_post(
                body="What is next?",
                message_type="comment",
                subtype_xmlid="mail.mt_comment",
                partner_ids=(partners or self.env["res.partner"]).ids,
            )
        )
        return message.partner_ids | message.notification_ids.res_partner_id

    def _assert_followed_by(self, record, users, not_by):
        followers, notified = self._followers(record), self._post(record)
        for user in users:
            self.assertIn(user.partner_id, followers, f"{user.name} follows")
            self.assertIn(user.partner_id, notified, f"{user.name} hears of it")
        for user in not_by:
            self.assertFalse(record.with_user(user).has_access("read"), user.name)
            self.assertNotIn(user.partner_id, followers, f"{user.name} follows")
            self.assertNotIn(user.partner_id, notified, f"{user.name} hears of it")

    def test_everyone_follows_at_first(self):
        for record in self.records:
            self._assert_followed_by(
                record,
                (self.user_employee, self.user_manager, self.user_indirect),
                (),
            )

    # ------------------------------------------------------------ reorganisation

    def test_reorganisation_unfollows_the_former_managers(self):
        """Eva moves from Marco to Oscar: Marco and Iris lose her goal and
        plan, Iris her check-in and review (Marco keeps those: he is their
        manager of record); Eva follows on; Oscar may follow."""
        self.emp_employee.parent_id = self.emp_other_manager
        for record in (self.goal, self.plan):
            self._assert_followed_by(
                record, [self.user_employee], [self.user_manager, self.user_indirect]
            )
        for record in (self.checkin, self.review):
            self._assert_followed_by(
                record, [self.user_employee, self.user_manager], [self.user_indirect]
            )
        oscar = self.user_other_manager
        self.goal.with_user(oscar).message_subscribe(oscar.partner_id.ids)
        self._assert_followed_by(self.goal, [oscar, self.user_employee], [])

    def test_reorganisation_above_moves_the_whole_subtree(self):
        """Marco moves under Oscar: Iris, two levels above Eva, loses all of
        Eva's records; Marco keeps them."""
        self.emp_manager.parent_id = self.emp_other_manager
        for record in self.records:
            self._assert_followed_by(
                record, [self.user_employee, self.user_manager], [self.user_indirect]
            )

    def test_whole_team_moves_at_once(self):
        pablo_goal = self._goal(name="Pablo's goal", employee_id=self.emp_peer.id)
        pablo_goal.message_subscribe(
            (self.user_peer | self.user_manager | self.user_indirect).partner_id.ids
        )
        (self.emp_employee | self.emp_peer).write(
            {"parent_id": self.emp_other_manager.id}
        )
        self._assert_followed_by(
            self.goal, [self.user_employee], [self.user_manager, self.user_indirect]
        )
        self._assert_followed_by(
            pablo_goal, [self.user_peer], [self.user_manager, self.user_indirect]
        )

    def test_manager_user_replaced(self):
        """Marco's employee record passes to another user: Marco's former user
        loses his team's goals and plans at once (his cached record rules
        named that employee) and stops following them; he keeps the check-ins
        and reviews he holds as manager of record."""
        successor = self._user("perf_successor", "Sam Successor")
        for record in (self.goal, self.plan):
            self.assertTrue(record.with_user(self.user_manager).has_access("read"))
        self.emp_manager.user_id = successor
        for record in (self.goal, self.plan):
            self._assert_followed_by(record, [self.user_employee], [self.user_manager])
        self._assert_followed_by(self.checkin, [self.user_manager], [])

    def test_department_change_unfollows_the_department_goals(self):
        other = self.env["hr.department"].create({"name": "Support"})
        goal = self._goal(
            name="Halve the build time",
            scope="department",
            employee_id=False,
            department_id=self.department.id,
        )
        goal.with_user(self.user_peer).message_subscribe(self.user_peer.partner_id.ids)
        self._assert_followed_by(goal, [self.user_peer], [])
        self.emp_peer.department_id = other
        self._assert_followed_by(goal, [], [self.user_peer])

    def test_reorganisation_queries_do_not_grow_with_the_team(self):
        """Moving a team of 50 costs the queries of moving a team of 5: the
        records the former managers follow are found in one query, and each
        former manager's access is checked once for all of them."""
        user_group = self.env.ref("base.group_user")

        def team(size, tag):
            lead_user, *users = self.env["res.users"].create(
                [
                    {
                        "name": f"Member {tag}-{i}",
                        "login": f"perf_team_{tag}_{i}",
                        "groups_id": [Command.set(user_group.ids)],
                    }
                    for i in range(size + 1)
                ]
            )
            lead = self.env["hr.employee"].create(
                {
                    "name": f"Lead {tag}",
                    "user_id": lead_user.id,
                    "parent_id": self.emp_indirect.id,
                }
            )
            members = self.env["hr.employee"].create(
                [
                    {"name": user.name, "user_id": user.id, "parent_id": lead.id}
                    for user in users
                ]
            )
            managers = (lead_user | self.user_indirect).partner_id
            for member in members:
                goal = self._goal(name=member.name, employee_id=member.id)
                goal.message_subscribe((member.user_id.partner_id | managers).ids)
            return members, lead_user

        def move(members, lead_user):
            self.env.flush_all()
            self.env.invalidate_all()
            before = self.env.cr.sql_log_count
            members.write({"parent_id": self.emp_other_manager.id})
            self.env.flush_all()
            count = self.env.cr.sql_log_count - before
            goals = self.env["hr.performance.goal"].search(
                [("employee_id", "in", members.ids)]
            )
            self.assertEqual(len(goals), len(members))
            for goal in goals:
                self.assertNotIn(lead_user.partner_id, self._followers(goal))
                self.assertIn(
                    goal.employee_id.user_id.partner_id, self._followers(goal)
                )
            return count

        move(*team(2, "warm"))  # warm the caches
        few = move(*team(5, "few"))
        many = move(*team(50, "many"))
        self.assertLessEqual(many - few, 5, (few, many))

    # ------------------------------------------------------------ reassignment

    def test_goal_moved_to_another_owner(self):
        self.goal.with_user(self.user_manager).write({"employee_id": self.emp_peer.id})
        self._assert_followed_by(
            self.goal, [self.user_manager, self.user_indirect], [self.user_employee]
        )

    def test_goal_responsible_changed(self):
        """A department goal read by its responsible only: once HR names
        another responsible, the former one stops following it."""
        goal = self._goal(
            name="Renew the support contract",
            scope="department",
            employee_id=False,
            department_id=self.department.id,
            user_id=self.user_other_manager.id,
        )
        self._assert_followed_by(goal, [self.user_other_manager], [])
        goal.with_user(self.user_officer).write({"user_id": self.user_manager.id})
        self._assert_followed_by(goal, [self.user_manager], [self.user_other_manager])

    def test_checkin_moved_to_another_employee(self):
        self.checkin.with_user(self.user_manager).write(
            {"employee_id": self.emp_peer.id}
        )
        self._assert_followed_by(
            self.checkin, [self.user_manager, self.user_indirect], [self.user_employee]
        )

    def test_plan_moved_to_another_employee(self):
        self.plan.with_user(self.user_manager).write({"employee_id": self.emp_peer.id})
        self._assert_followed_by(
            self.plan, [self.user_manager, self.user_indirect], [self.user_employee]
        )

    def test_reviewer_changed_by_hr(self):
        """The former reviewer keeps nothing of the request: no activity, no
        mention, no notification; the new reviewer gets the activity."""
        request = self.env["hr.performance.feedback.request"].create(
            {
                "employee_id": self.emp_employee.id,
                "reviewer_user_id": self.user_peer.id,
                "question": "How did Eva run the migration?",
            }
        )
        self.assertEqual(request.activity_ids.user_id, self.user_peer)
        request.with_user(self.user_officer).write(
            {"reviewer_user_id": self.user_other_manager.id}
        )
        self.assertFalse(request.with_user(self.user_peer).has_access("read"))
        self.assertEqual(request.activity_ids.user_id, self.user_other_manager)
        named = self._post(
            request, (self.user_peer | self.user_other_manager).partner_id
        )
        self.assertNotIn(self.user_peer.partner_id, named)
        self.assertIn(self.user_other_manager.partner_id, named)

    # ------------------------------------------------------------ any other path

    def test_nobody_hears_of_a_record_they_cannot_read(self):
        """Pablo, Eva's peer, may not read her goal: he cannot be subscribed,
        a message cannot name him, and a follower row slipped in some other
        way still brings him nothing. An outside address (a partner without
        a user) is treated the same."""
        outsider = self.env["res.partner"].create(
            {"name": "Ext Ernal", "email": "ext@example.com"}
        )
        self.goal.with_user(self.user_manager).message_subscribe(
            (self.user_peer.partner_id | outsider).ids
        )
        self.assertFalse(
            (self.user_peer.partner_id | outsider) & self._followers(self.goal)
        )
        self.env["mail.followers"]._insert_followers(
            self.goal._name, self.goal.ids, (self.user_peer.partner_id | outsider).ids
        )
        self.assertTrue(self.user_peer.partner_id in self._followers(self.goal))
        notified = self._post(self.goal, self.user_peer.partner_id | outsider)
        self.assertFalse((self.user_peer.partner_id | outsider) & notified)
        self.assertIn(self.user_employee.partner_id, notified)

    def test_each_reader_judged_with_their_own_companies(self):
        """An officer of two companies posts with both switched on: Eva, of
        one company only, still hears of her goal (the poster's context does
        not decide what she may read, nor make the check fail)."""
        other = self.env["res.company"].create({"name": "Borealis Ltd"})
        officer = self._user(
            "perf_officer_ab",
            "Abe Both",
            "base.group_user,hr_performance.group_performance_officer",
            companies=self.company | other,
        )
        message = (
            self.goal.with_user(officer)
            .with_context(allowed_company_ids=(self.company | other).ids)
            .message_post(
                body="Both companies",
                message_type="comment",
                subtype_xmlid="mail.mt_comment",
            )
        )
        self.assertIn(
            self.user_employee.partner_id,
            message.sudo().notification_ids.res_partner_id,
        )

    def test_portal_owner_hears_of_their_goal(self):
        """A portal employee reads their goal on /my/performance: they follow
        it and hear of it; another portal user does not."""
        portal_owner = mail_new_test_user(
            self.env,
            login="perf_portal_owner",
            name="Paul Portal",
            groups="base.group_portal",
        )
        employee = self.env["hr.employee"].create(
            {"name": "Paul Portal", "user_id": portal_owner.id}
        )
        goal = self._goal(name="Paul's goal", employee_id=employee.id)
        goal.message_subscribe((portal_owner | self.user_portal).partner_id.ids)
        followers = self._followers(goal)
        self.assertIn(portal_owner.partner_id, followers)
        self.assertNotIn(self.user_portal.partner_id, followers)
        self.assertIn(portal_owner.partner_id, self._post(goal))
