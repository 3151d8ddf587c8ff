from psycopg2 import IntegrityError

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import HrPerformanceCase


@tagged("post_install", "-at_install")
class TestRatingScale(HrPerformanceCase):
    def _new_scale(self, values, **extra):
        return self.env["hr.performance.rating.scale"].create(
            {
                "name": "Test scale",
                "level_ids": [
                    (0, 0, {"name": f"Level {v}", "value": v, "sequence": i})
                    for i, v in enumerate(values)
                ],
                **extra,
            }
        )

    def test_default_scale_has_five_ordered_levels(self):
        levels = self.scale.level_ids
        self.assertEqual(levels.mapped("value"), [1.0, 2.0, 3.0, 4.0, 5.0])
        self.assertEqual(levels[0].name, "Unsatisfactory")
        self.assertEqual(levels[-1].name, "Outstanding")
        self.assertEqual(
            (self.scale.level_count, self.scale.min_value, self.scale.max_value),
            (5, 1.0, 5.0),
        )
        self.assertEqual(self.company.performance_rating_scale_id, self.scale)

    def test_stats_follow_level_changes(self):
        scale = self._new_scale([0, 10])
        scale.level_ids[-1].value = 4
        self.assertEqual((scale.level_count, scale.max_value), (2, 4.0))

    def test_value_to_percent(self):
        self.assertEqual(self.scale._to_percent(3), 50.0)
        self.assertEqual(self.scale._to_percent(5), 100.0)
        scale = self._new_scale([0, 10])
        self.assertEqual(scale._to_percent(2.5), 25.0)

    def test_duplicate_value_refused(self):
        scale = self._new_scale([1, 2])
        with self.assertRaises(IntegrityError), mute_logger("odoo.sql_db"):
            self.env["hr.performance.rating.level"].create(
                {"scale_id": scale.id, "name": "Twin", "value": 2}
            )

    def test_scale_with_one_level_cannot_be_used(self):
        scale = self._new_scale([1])
        with self.assertRaisesRegex(UserError, "at least two levels"):
            scale._ensure_usable()
        with (
            self.assertRaisesRegex(UserError, "at least two levels"),
            self.env.cr.savepoint(),
        ):
            self.company.performance_rating_scale_id = scale
        self.company.invalidate_recordset()
        self.assertEqual(self.company.performance_rating_scale_id, self.scale)

    def test_default_scale_cannot_be_deleted(self):
        with self.assertRaisesRegex(UserError, "default of"):
            self.scale.unlink()
        self.assertTrue(self.scale.exists())
        spare = self._new_scale([1, 2, 3])
        spare.unlink()
        self.assertFalse(spare.exists())

    def test_everyone_reads_only_admin_writes(self):
        for user in (self.user_employee, self.user_portal, self.user_officer):
            scale = self.scale.with_user(user)
            self.assertEqual(len(scale.level_ids), 5)
            with self.assertRaises(AccessError):
                scale.write({"name": "Hacked"})
            with self.assertRaises(AccessError):
                scale.level_ids[0].write({"value": 9})
            with self.assertRaises(AccessError):
                self.env["hr.performance.rating.scale"].with_user(user).create(
                    {"name": "Mine"}
                )
        self.scale.with_user(self.user_admin).write({"description": "Ours"})
        self.assertEqual(self.scale.description, "Ours")

    def test_company_scale_hidden_from_other_companies(self):
        other = self.env["res.company"].create({"name": "Other Co"})
        foreign = self._new_scale([1, 2], company_id=other.id)
        scales = self.env["hr.performance.rating.scale"].with_user(self.user_admin)
        self.assertNotIn(foreign, scales.search([]))
        self.assertIn(self.scale, scales.search([]))
        with self.assertRaises(AccessError):
            foreign.with_user(self.user_admin).read(["name"])
