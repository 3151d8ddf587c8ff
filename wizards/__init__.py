from . import (
    hr_performance_calibrate,
    hr_performance_cycle_launch,
    hr_performance_feedback_request_wizard,
    hr_performance_feedback_summary,
    hr_performance_goal_cascade,
    hr_performance_strategy_review,
    hr_performance_succession,
)
