# Copyright 2026 hr_performance contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "Performance Management",
    "summary": "Goals and OKRs, check-ins, feedback, 360 reviews, calibration, "
    "skills and development plans",
    "version": "18.0.1.0.0",
    "category": "Human Resources/Performance",
    "sequence": 275,
    "author": "hr_performance contributors",
    "website": "https://github.com/hr-performance/hr_performance",
    "license": "LGPL-3",
    "depends": ["hr", "hr_skills", "mail", "portal", "web_hierarchy"],
    "external_dependencies": {"python": ["xlsxwriter"]},
    "data": [
        "security/hr_performance_groups.xml",
        "security/ir.model.access.csv",
        "security/hr_performance_security.xml",
        "data/hr_performance_rating_scale_data.xml",
        "data/hr_performance_data.xml",
        "data/hr_performance_review_template_data.xml",
        "views/hr_performance_rating_scale_views.xml",
        "views/hr_performance_goal_views.xml",
        "views/hr_performance_goal_update_views.xml",
        "views/hr_performance_goal_template_views.xml",
        "views/hr_performance_checkin_views.xml",
        "views/hr_performance_feedback_views.xml",
        "views/hr_performance_review_template_views.xml",
        "reports/hr_performance_review_report.xml",
        "views/hr_performance_review_views.xml",
        "wizards/hr_performance_goal_cascade_views.xml",
        "views/hr_employee_views.xml",
        "views/hr_department_views.xml",
        "views/res_config_settings_views.xml",
        "views/hr_employee_public_views.xml",
        "views/menus.xml",
    ],
    "demo": [
        "demo/hr_performance_demo.xml",
        "demo/hr_performance_goal_demo.xml",
        "demo/hr_performance_checkin_demo.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "hr_performance/static/tests/tours/**/*",
        ],
    },
    "application": True,
}
