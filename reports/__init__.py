from . import (
    hr_performance_activity_analysis,
    hr_performance_outcome_report,
    hr_performance_review_analysis,
    hr_performance_review_report,
    hr_performance_skill_matrix,
    hr_performance_strategy_review,
    hr_performance_team_outcome_report,
    hr_performance_turnover_report,
)
