def is_performance_hr(env):
    """HR officers (and the superuser) pass the per-person checks that
    employees and managers go through: one definition for every model."""
    return env.su or env.user.has_group("hr_performance.group_performance_officer")
