from . import hr_performance_review_report
