"""Launching a cycle for people who each have a user: every one gets their
activity and follows their review, in a number of queries that does not grow
with the population (issue 18, item 4)."""

from odoo.addons.base.tests.common import DISABLED_MAIL_CONTEXT
from odoo.tests import tagged

from .common import HrPerformanceCase

# The chatter as users have it: activities subscribe their assignees.
MAIL_ON = {key: False for key in DISABLED_MAIL_CONTEXT if key != "no_reset_password"}


@tagged("post_install", "-at_install")
class TestLaunchWithUsers(HrPerformanceCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, **MAIL_ON))
        cls.emp_manager.user_id = cls.user_manager

    def _people(self, count, tag):
        """``count`` employees under the manager, each with a user: two in
        three internal, one in three portal (no backend licence)."""
        internal = self.env.ref("base.group_user")
        portal = self.env.ref("base.group_portal")
        users = (
            self.env["res.users"]
            .with_context(no_reset_password=True)
            .create(
                [
                    {
                        "name": f"Person {tag}-{i}",
                        "login": f"person_{tag}_{i}",
                        "groups_id": [(6, 0, (portal if i % 3 == 2 else internal).ids)],
                    }
                    for i in range(count)
                ]
            )
        )
        return self.env["hr.employee"].create(
            [
                {
                    "name": user.name,
                    "user_id": user.id,
                    "parent_id": self.emp_manager.id,
                }
                for user in users
            ]
        )

    def _launch(self, count):
        employees = self._people(count, count)
        cycle = self._cycle(name=f"Cycle {count}", employee_ids=employees.ids)
        self.env.flush_all()
        self.env.invalidate_all()
        before = self.env.cr.sql_log_count
        cycle.with_user(self.user_officer).action_launch()
        self.env.flush_all()
        queries = self.env.cr.sql_log_count - before
        self.env.invalidate_all()
        self.assertEqual(len(cycle.review_ids), count)
        return cycle, queries

    def test_each_person_gets_an_activity_and_follows_their_review(self):
        cycle, _queries = self._launch(6)
        self_review = self.env.ref("hr_performance.mail_activity_type_self_review")
        internal, external = (
            self.env["mail.message.subtype"].default_subtypes("hr.performance.review")[
                index
            ]
            for index in (0, 2)
        )
        for review in cycle.review_ids:
            user = review.employee_id.user_id
            self.assertEqual(review.activity_ids.user_id, user)
            self.assertEqual(review.activity_ids.activity_type_id, self_review)
            followers = review.message_follower_ids
            self.assertEqual(followers.partner_id, user.partner_id, "only the assignee")
            self.assertEqual(
                followers.subtype_ids, external if user.share else internal
            )
        # The user's own view: the activity is theirs, in their systray.
        user = cycle.review_ids[0].employee_id.user_id
        self.assertEqual(
            self.env["mail.activity"]
            .with_user(user)
            .search([("res_model", "=", "hr.performance.review")])
            .res_id,
            cycle.review_ids[0].id,
        )

    def test_an_existing_follower_is_not_subscribed_twice(self):
        employees = self._people(2, "again")
        cycle = self._cycle(name="Again", employee_ids=employees.ids)
        cycle.action_launch()
        review = cycle.review_ids[0]
        review.activity_ids.unlink()
        review._update_activities()
        self.assertEqual(len(review.activity_ids), 1)
        self.assertEqual(
            review.message_follower_ids.partner_id,
            review.employee_id.user_id.partner_id,
        )

    def test_launch_for_200_people_with_users_is_batched(self):
        self._launch(3)  # warm the caches
        _cycle, few = self._launch(20)
        _cycle, many = self._launch(200)
        # 180 more people: 180 more users' activities and subscriptions,
        # 2,520 more rows, which Odoo inserts 100 per statement; nothing per
        # person (it was 1,083 queries for 200, mail subscribing each one).
        self.assertLessEqual(many, 300, (few, many))
        self.assertLessEqual(many - few, 30, (few, many))
