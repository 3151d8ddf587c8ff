def is_performance_hr(env):
    """HR officers (and the superuser) pass the per-person checks that
    employees and managers go through: one definition for every model.

    A model-level answer (may this user act as HR at all?), for searches,
    wizards and reports. On records, ask ``record._is_privileged()``
    (``hr.performance.guard.mixin``), which is False on HR's own records.

    True under sudo (``env.su``): code that runs with sudo for a user, as the
    portal's controllers do, passes every check that relies on this, so it
    must find the user's records itself (the portal domain) before acting."""
    return env.su or env.user.has_group("hr_performance.group_performance_officer")
