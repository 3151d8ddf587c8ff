from . import (
    hr_department,
    hr_employee,
    hr_performance_goal,
    hr_performance_goal_template,
    hr_performance_goal_update,
    hr_performance_rating_level,
    hr_performance_rating_scale,
    res_company,
    res_config_settings,
)
