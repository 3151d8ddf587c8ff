# Abstract models first: the models below inherit them.
from . import (
    hr_performance_activity_mixin,
    hr_performance_answer_mixin,
    hr_performance_led_mixin,
)

# isort: split
from . import (
    hr_department,
    hr_employee,
    hr_employee_public,
    hr_performance_calibration_adjustment,
    hr_performance_checkin,
    hr_performance_checkin_action,
    hr_performance_checkin_item,
    hr_performance_checkin_note,
    hr_performance_cycle,
    hr_performance_feedback,
    hr_performance_feedback_answer,
    hr_performance_feedback_request,
    hr_performance_goal,
    hr_performance_goal_template,
    hr_performance_goal_update,
    hr_performance_rating_level,
    hr_performance_rating_scale,
    hr_performance_review,
    hr_performance_review_assessment,
    hr_performance_review_line,
    hr_performance_review_nomination,
    hr_performance_review_template,
    hr_performance_review_template_question,
    hr_performance_review_template_section,
    res_company,
    res_config_settings,
)
