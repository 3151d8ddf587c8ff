from . import hr_performance_goal_cascade
