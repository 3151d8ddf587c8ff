"""Pure-Python core of hr_performance: arithmetic and statistics over plain data.

Nothing in this package imports Odoo, so it is tested with plain pytest
(``tests_lib/``) and reused by models, reports and benchmarks alike.
"""
