from . import (
    test_checkin,
    test_feedback,
    test_goal,
    test_goal_access,
    test_goal_cascade,
    test_rating_scale,
    test_review,
    test_review_360,
    test_review_template,
    test_security_regressions,
    test_settings,
    test_ui,
)
