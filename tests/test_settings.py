from odoo.addons.mail.tests.common import mail_new_test_user
from odoo.exceptions import ValidationError
from odoo.tests import Form, tagged

from .common import HrPerformanceCase


@tagged("post_install", "-at_install")
class TestSettings(HrPerformanceCase):
    def test_company_defaults(self):
        company = self.env["res.company"].create({"name": "Fresh Co"})
        self.assertEqual(company.performance_rating_scale_id, self.scale)
        self.assertEqual(company.performance_checkin_frequency, "monthly")
        self.assertEqual(company.performance_anonymity_threshold, 3)
        self.assertEqual(company.performance_max_active_goals, 5)
        self.assertEqual(company.performance_goal_update_interval, 14)

    def test_settings_write_the_company(self):
        system = mail_new_test_user(
            self.env,
            login="perf_system",
            groups="base.group_system,hr_performance.group_performance_admin",
        )
        settings = Form(self.env["res.config.settings"].with_user(system))
        settings.performance_anonymity_threshold = 5
        settings.performance_max_active_goals = 3
        settings.performance_goal_update_interval = 7
        settings.performance_checkin_frequency = "biweekly"
        settings.save().execute()
        self.assertEqual(
            (
                self.company.performance_anonymity_threshold,
                self.company.performance_max_active_goals,
                self.company.performance_goal_update_interval,
                self.company.performance_checkin_frequency,
            ),
            (5, 3, 7, "biweekly"),
        )

    def test_bad_values_refused_and_nothing_changes(self):
        for field in (
            "performance_anonymity_threshold",
            "performance_max_active_goals",
            "performance_goal_update_interval",
        ):
            before = self.company[field]
            for bad in (0, -2):
                with self.subTest(field=field, value=bad):
                    with self.assertRaises(ValidationError), self.env.cr.savepoint():
                        self.company.write({field: bad})
                    self.company.invalidate_recordset()
                    self.assertEqual(self.company[field], before)

    def test_group_chain(self):
        self.assertTrue(
            self.user_admin.has_group("hr_performance.group_performance_officer")
        )
        self.assertTrue(self.user_admin.has_group("hr.group_hr_user"))
        self.assertTrue(self.user_officer.has_group("hr.group_hr_user"))
        self.assertFalse(
            self.user_officer.has_group("hr_performance.group_performance_admin")
        )
        self.assertFalse(
            self.user_manager.has_group("hr_performance.group_performance_officer")
        )
        officer = self.env.ref("hr_performance.group_performance_officer")
        self.assertEqual(
            officer.category_id,
            self.env.ref("hr_performance.module_category_human_resources_performance"),
        )

    def test_settings_reserved_to_admins(self):
        menus = self.env["ir.ui.menu"]
        configuration = self.env.ref("hr_performance.menu_performance_configuration")
        scales = self.env.ref("hr_performance.menu_performance_rating_scales")
        root = self.env.ref("hr_performance.menu_performance_root")
        for user, sees_configuration, sees_scales in (
            (self.user_admin, True, True),
            (self.user_officer, True, False),
            (self.user_manager, False, False),
            (self.user_employee, False, False),
        ):
            with self.subTest(user=user.login):
                visible = menus.with_user(user)._visible_menu_ids()
                self.assertIn(root.id, visible)
                self.assertEqual(configuration.id in visible, sees_configuration)
                self.assertEqual(scales.id in visible, sees_scales)
