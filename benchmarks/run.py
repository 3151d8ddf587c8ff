"""Benchmark scenarios, run in ``odoo shell`` by ``bin/bench`` against a
fresh database: prints one table row per scenario with wall time, SQL
queries, peak Python memory where it matters, and the ratio to a baseline
measured in the same run. Reads ``BENCH_N`` (employees) and ``BENCH_SEED``.
"""

import cProfile
import io
import os
import pstats
import sys
import tempfile
import time
import tracemalloc
from datetime import date

sys.path.insert(0, os.path.join(os.environ["BENCH_REPO"], "benchmarks"))
from generate import generate

from odoo.tools import SQL

N = int(os.environ.get("BENCH_N", "1000"))
SEED = int(os.environ.get("BENCH_SEED", "42"))
USERS = os.environ.get("BENCH_USERS", "1") != "0"  # 0: employees without users
# Data goals (one owner user each) in scenario 7b; 0 leaves the scenario out
# (at 100,000 its users alone would take hours to create).
DATA_GOALS = int(os.environ.get("BENCH_DATA_GOALS", str(N)))
PROFILE = int(os.environ.get("BENCH_PROFILE", "0"))  # lines of profile to print
rows = []


def measure(fn, memory=False):
    env.flush_all()
    env.invalidate_all()
    before = env.cr.sql_log_count
    if memory:
        tracemalloc.start()
    profiler = cProfile.Profile() if PROFILE else None
    start = time.perf_counter()
    if profiler:
        profiler.enable()
    result = fn()
    env.flush_all()
    wall = time.perf_counter() - start
    if profiler:
        # BENCH_PROFILE=1: where each scenario spends its time, on stderr.
        profiler.disable()
        profiler.dump_stats(f"/tmp/bench-{len(rows)}.prof")
        out = io.StringIO()
        pstats.Stats(profiler, stream=out).sort_stats("tottime").print_stats(PROFILE)
        print(out.getvalue(), file=sys.stderr)
    peak = None
    if memory:
        peak = tracemalloc.get_traced_memory()[1] / 1e6
        tracemalloc.stop()
    return wall, env.cr.sql_log_count - before, peak, result


def record(name, measured, baseline=None, note=""):
    wall, queries, peak, _result = measured
    ratio = f"{wall / baseline[0]:.1f}x" if baseline and baseline[0] else "-"
    row = (
        name,
        f"{wall:.2f}",
        str(queries),
        f"{peak:.0f}" if peak is not None else "-",
        ratio,
        note,
    )
    rows.append(row)
    # Each line as it completes (the table comes at the end): a long run
    # that does not finish still says what it measured.
    print(
        f"[{time.strftime('%H:%M:%S')}] " + " | ".join(row), file=sys.stderr, flush=True
    )


env = env  # noqa: F821 (provided by odoo shell)
print(f"generating {N} employees (seed {SEED}, users: {USERS})...", file=sys.stderr)
t0 = time.perf_counter()
data = generate(env, N, SEED, users=USERS)
env.cr.commit()
people_users = data["employees"].user_id
print(
    f"generated in {time.perf_counter() - t0:.1f} s: levels {data['levels']}, "
    f"{len(data['goals'])} goals, {len(people_users)} users "
    f"({len(people_users.filtered('share'))} portal)",
    file=sys.stderr,
)
employees = data["employees"]
assert len(employees) == N, (len(employees), N)
ICP = env["ir.config_parameter"].sudo()
ICP.set_param("hr_performance.launch_background_threshold", str(N + 1))

# 1. Cycle launch vs a batched create of as many mail-enabled records.
cycle = env["hr.performance.cycle"].create(
    {
        "name": "Bench cycle",
        "date_start": date.today().replace(month=1, day=1),
        "date_end": date.today().replace(month=12, day=31),
        "employee_ids": [(6, 0, employees.ids)],
    }
)
baseline = measure(
    lambda: (
        env["res.partner"]
        .with_context(tracking_disable=True, mail_create_nolog=True)
        .create([{"name": f"Baseline {i}"} for i in range(N)])
    )
)
record(f"baseline: create {N} partners", baseline)
record(
    f"cycle launch, {N} participants",
    measure(cycle.action_launch),
    baseline,
    note=f"{len(people_users)} with a user" if USERS else "without users",
)
env.cr.commit()


def launch_mails():
    """The background job that mails every participant, run to the end."""
    reviews = env["hr.performance.review"]
    while reviews.search_count([("launch_mail_pending", "=", True)]):
        reviews._cron_send_launch_mails()


record(f"cron: launch mails, {N} reviews", measure(launch_mails))
env.cr.commit()

# 2. One goal update at the bottom of the 6-level tree vs a plain write.
leaf = data["goals"].filtered(lambda g: g.progress_mode == "manual")[:1]
baseline = measure(lambda: leaf.write({"description": "<p>plain write</p>"}))
record("baseline: plain write on a goal", baseline)
record(
    f"goal update under a {len(data['goals'])}-goal tree",
    measure(
        lambda: env["hr.performance.goal.update"].create(
            {"goal_id": leaf.id, "progress": 77}
        )
    ),
    baseline,
)

# 3. Calibration statistics vs the raw SQL aggregate.
levels = cycle.rating_scale_id.level_ids.sorted("value")
env.cr.execute(
    SQL(
        """UPDATE hr_performance_review SET state = 'calibration' WHERE cycle_id = %s""",
        cycle.id,
    )
)
env.cr.execute(
    SQL(
        """UPDATE hr_performance_review_assessment a
              SET proposed_rating_level_id = (%s::int[])[1 + mod(a.id, %s)],
                  rating_level_id = (%s::int[])[1 + mod(a.id, %s)],
                  overall_score = mod(a.id, 100), has_overall_score = true,
                  potential = 'medium'
             FROM hr_performance_review r
            WHERE r.id = a.review_id AND r.cycle_id = %s""",
        levels.ids,
        len(levels),
        levels.ids,
        len(levels),
        cycle.id,
    )
)
env.invalidate_all()
cycle.state = "calibration"
session = env["hr.performance.calibration"].create(
    {"name": "Bench", "cycle_id": cycle.id}
)


def raw_stats():
    """The same groups as the session's statistics (per manager, department
    and gender: count, mean, spread, self and peer gaps), read, not stored."""
    env.cr.execute(
        SQL(
            """SELECT r.manager_id, r.department_id, e.gender, count(*),
                      avg(l.value), stddev_samp(l.value),
                      avg(CASE WHEN r.has_self_score AND a.has_manager_score
                               THEN COALESCE(r.self_score, 0)
                                    - COALESCE(a.manager_score, 0) END),
                      avg(CASE WHEN a.has_peer_score AND a.has_manager_score
                               THEN COALESCE(a.peer_score, 0)
                                    - COALESCE(a.manager_score, 0) END)
                 FROM hr_performance_review r
                 JOIN hr_performance_review_assessment a ON a.review_id = r.id
                 JOIN hr_employee e ON e.id = r.employee_id
                 JOIN hr_performance_rating_level l ON l.id = a.rating_level_id
                WHERE r.cycle_id = %s
             GROUP BY GROUPING SETS ((r.manager_id), (r.department_id), (e.gender))""",
            cycle.id,
        )
    )
    return env.cr.fetchall()


baseline = measure(raw_stats)
record("baseline: raw SQL aggregate", baseline)
record(
    f"calibration statistics, {len(session.review_ids)} reviews",
    measure(session.action_refresh_statistics),
    baseline,
)

# 4. A division head's reviews list: the first 80 of every review below her
# (the record rules walk the org chart), as the list view asks for them.
manager = employees.filtered(lambda e: e.parent_id and not e.parent_id.parent_id)[:1]
user = manager.user_id
if not user:  # generated without users
    user = env["res.users"].create(
        {
            "name": "Bench manager",
            "login": "bench_manager",
            "groups_id": [(6, 0, [env.ref("base.group_user").id])],
        }
    )
    manager.user_id = user
    env["hr.performance.review"].search([("manager_id", "=", manager.id)]).write(
        {"manager_user_id": user.id}
    )
env.cr.commit()
Review = env["hr.performance.review"].with_user(user)
spec = {
    "employee_id": {"fields": {"display_name": {}}},
    "cycle_id": {"fields": {"display_name": {}}},
    "manager_id": {"fields": {"display_name": {}}},
    "department_id": {"fields": {"display_name": {}}},
    "goal_score": {},
    "state": {},
}
listed = measure(lambda: Review.web_search_read([], spec, limit=80))
assert len(listed[3]["records"]) == min(80, listed[3]["length"]), listed[3]
record(
    "a manager's reviews list (80 rows)",
    listed,
    note=f"of {listed[3]['length']} reviews below her",
)

# 5. The portal overview of an employee, through Odoo's WSGI application:
# the real route, session, controller and template.
import threading  # noqa: E402

from werkzeug.test import Client  # noqa: E402

import odoo.http  # noqa: E402
from odoo.service import security  # noqa: E402

# A portal user who owns a goal (one of the generated ones when they have users).
portal = (
    data["goals"]
    .filtered(lambda g: g.employee_id.user_id.share)[:1]
    .employee_id.user_id
)
if not portal:
    portal = env["res.users"].create(
        {
            "name": "Bench portal",
            "login": "bench_portal",
            "groups_id": [(6, 0, [env.ref("base.group_portal").id])],
        }
    )
    leaf.employee_id.user_id = portal
env.cr.commit()
session = odoo.http.root.session_store.new()
session.update(odoo.http.get_default_session(), db=env.cr.dbname)
session.uid, session.login = portal.id, portal.login
session.session_token = security.compute_session_token(session, env(user=portal.id))
session.context = dict(env["res.users"].with_user(portal).context_get())
odoo.http.root.session_store.save(session)
client = Client(odoo.http.root)
client.set_cookie("session_id", session.sid)


def overview():
    response = client.get("/my/performance")
    assert response.status_code == 200, response.status_code
    return threading.current_thread().query_count


client.get("/my/performance")  # warm the template and route caches
wall, _queries, _peak, request_queries = measure(overview)
record(
    "portal overview (/my/performance)",
    (wall, request_queries, None, None),
    note="queries of the HTTP request",
)

# 6. XLSX export of the cycle's results.
from odoo.addons.hr_performance.lib.xlsx import write_workbook  # noqa: E402
from odoo.addons.hr_performance.reports.cycle_xlsx import cycle_sheets  # noqa: E402


def export():
    _name, sheets = cycle_sheets(cycle)
    with tempfile.TemporaryFile() as target:
        return write_workbook(target, sheets)


record(
    f"XLSX export, {N} result rows",
    measure(export, memory=True),
    note="peak MB = Python heap",
)

# 7. Reminder crons over the population.
record(
    "cron: goal update reminders",
    measure(env["hr.performance.goal"]._cron_update_reminders),
)
record("cron: check-ins due", measure(env["hr.performance.checkin"]._cron_checkin_due))
record(
    "cron: review reminders", measure(env["hr.performance.review"]._cron_send_reminders)
)
env.cr.rollback()

# 7b. Data goals: the daily refresh of N data goals on one KPI (contacts each
# owner created this quarter), owners with the same groups, against a raw SQL
# aggregate of the same groups. Each owner created a few contacts.
if DATA_GOALS:
    group_user = env.ref("base.group_user").id
    owners = (
        env["res.users"]
        .with_context(
            no_reset_password=True, mail_create_nolog=True, tracking_disable=True
        )
        .create(
            [
                {
                    "name": f"Bench owner {i}",
                    "login": f"bench_owner_{i}",
                    "groups_id": [(6, 0, [group_user])],
                }
                for i in range(DATA_GOALS)
            ]
        )
    )
    env.cr.execute(
        SQL(
            """UPDATE hr_employee e SET user_id = o.user_id
                 FROM unnest(%s::int[], %s::int[]) AS o(employee_id, user_id)
                WHERE e.id = o.employee_id""",
            employees[:DATA_GOALS].ids,
            owners.ids,
        )
    )
    env.cr.execute(
        SQL(
            """UPDATE res_partner p SET create_uid = (%s::int[])[1 + mod(p.id, %s)]
                WHERE p.name LIKE %s""",
            owners.ids,
            DATA_GOALS,
            "Baseline %",
        )
    )
    env.invalidate_all()
    quarter_start = date.today().replace(day=1)
    kpi = env["hr.performance.kpi"].create(
        {
            "name": "Contacts created",
            "model_id": env["ir.model"]._get_id("res.partner"),
            "date_field_id": env["ir.model.fields"]
            ._get("res.partner", "create_date")
            .id,
            "owner_field_id": env["ir.model.fields"]
            ._get("res.partner", "create_uid")
            .id,
            "domain": "[('is_company', '=', False)]",
        }
    )
    data_goals = (
        env["hr.performance.goal"]
        .with_context(tracking_disable=True, mail_create_nolog=True)
        .create(
            [
                {
                    "name": f"Contacts of {employee.name}",
                    "scope": "individual",
                    "employee_id": employee.id,
                    "progress_mode": "data",
                    "kpi_id": kpi.id,
                    "start_value": 0,
                    "target_value": 10,
                    "date_start": quarter_start,
                    "state": "active",
                }
                for employee in employees[:DATA_GOALS]
            ]
        )
    )
    env.cr.commit()

    def raw_contacts():
        env.cr.execute(
            SQL(
                """SELECT create_uid, count(*) FROM res_partner
                    WHERE active AND is_company IS NOT TRUE AND create_date >= %s
                      AND create_uid = ANY(%s)
                 GROUP BY create_uid""",
                quarter_start,
                owners.ids,
            )
        )
        return env.cr.fetchall()

    baseline = measure(raw_contacts)
    record("baseline: raw SQL aggregate of the same groups", baseline)
    refreshed = measure(
        env["hr.performance.goal"]
        .with_context(tracking_disable=True)
        ._cron_refresh_data
    )
    record(f"cron: refresh {DATA_GOALS} data goals", refreshed, baseline)
    measured = data_goals.filtered(lambda g: g.current_value > 0)
    assert measured and not data_goals.filtered("data_error"), "data goals not measured"
    env.cr.rollback()
else:
    print("cron: refresh data goals: left out (BENCH_DATA_GOALS=0)", file=sys.stderr)

# 8. Concurrency: sibling goals updated at the same moment, each in its own
# transaction. No transaction writes the parent (the roll-up job does, after),
# so none may hit a serialization failure: they run without Odoo's retry. Once
# the job has run the parent equals the weighted average of its children.
# Real cursors and commits, so it runs here rather than in the transactional
# test suite.
from odoo import SUPERUSER_ID, api  # noqa: E402

CONCURRENT = 8
parent = data["goals"].filtered(lambda g: g.progress_mode == "manual")[:1].parent_id
siblings = env["hr.performance.goal"].create(
    [
        {
            "name": f"Concurrent key result {i}",
            "scope": "individual",
            "employee_id": employees[i].id,
            "parent_id": parent.id,
            "progress_mode": "manual",
            "state": "active",
        }
        for i in range(CONCURRENT)
    ]
)
env.cr.commit()
barrier = threading.Barrier(CONCURRENT, timeout=30)
errors = []


def concurrent_update(goal_id, progress):
    try:
        with env.registry.cursor() as cr:
            thread_env = api.Environment(cr, SUPERUSER_ID, {})

            def update():
                thread_env["hr.performance.goal.update"].create(
                    {"goal_id": goal_id, "progress": progress}
                )

            barrier.wait()
            update()
    except Exception as error:
        errors.append(error)


VALUES = [11.0 + 11 * i for i in range(CONCURRENT)]
start = time.perf_counter()
threads = [
    threading.Thread(target=concurrent_update, args=(goal.id, value))
    for goal, value in zip(siblings, VALUES, strict=True)
]
for thread in threads:
    thread.start()
for thread in threads:
    thread.join(120)
with env.registry.cursor() as cr:
    api.Environment(cr, SUPERUSER_ID, {})["hr.performance.goal"]._cron_rollup()
env.invalidate_all()
expected = sum(c.progress * c.weight for c in parent.child_ids) / sum(
    parent.child_ids.mapped("weight")
)
consistent = (
    not errors
    and not any(t.is_alive() for t in threads)
    and siblings.mapped("progress") == VALUES
    and abs(parent.progress - expected) < 0.01
)
rows.append(
    (
        f"{CONCURRENT} sibling goal updates at once, no retry",
        f"{time.perf_counter() - start:.2f}",
        "-",
        "-",
        "-",
        "parent consistent" if consistent else f"INCONSISTENT {errors}",
    )
)

# 9. Outcome views as an HR officer sees them: the pivots' default groupings
# of Turnover, Time to Productivity and Team Outcomes, and the strategy
# review's correlations, each against a raw SQL aggregate of the same groups
# over the base tables. History first: 2 % of the people leave (through the
# ORM, which records the moves) and the cycle's ratings are released (SQL: the
# review workflow is measured above, not here).
from odoo.addons.hr_performance.reports.hr_performance_strategy_review import (  # noqa: E402
    team_correlations,
)

leavers = employees.filtered(lambda e: not e.child_ids)[::50]
leavers.write(
    {
        "departure_reason_id": env.ref("hr.departure_resigned").id,
        "departure_date": date.today().replace(month=1, day=31),
    }
)
leavers.with_context(no_wizard=True).action_archive()
levels = cycle.rating_scale_id.level_ids.sorted("value").ids
env.flush_all()
env.cr.execute(
    SQL(
        """UPDATE hr_performance_review_assessment a
              SET final_rating_level_id = (%s::int[])[1 + mod(a.id, %s)]
             FROM hr_performance_review r
            WHERE r.id = a.review_id AND r.cycle_id = %s""",
        levels,
        len(levels),
        cycle.id,
    )
)
env.cr.execute(
    SQL(
        "UPDATE hr_performance_review SET state = 'shared' WHERE cycle_id = %s",
        cycle.id,
    )
)
officer = env["res.users"].create(
    {
        "name": "Bench officer",
        "login": "bench_officer",
        "groups_id": [(6, 0, [env.ref("hr_performance.group_performance_officer").id])],
    }
)
env.cr.commit()
env.invalidate_all()
as_officer = env(user=officer)
year = date.today().year


def raw_groups(query, *args):
    def run():
        env.cr.execute(SQL(query, *args))
        return env.cr.fetchall()

    return run


OUTCOME_VIEWS = (
    (
        "Turnover",
        "hr.performance.turnover.report",
        ["date:quarter"],
        ["departure_count:sum", "voluntary_count:sum", "regretted_count:sum"],
        """SELECT date_trunc('quarter', date), count(*)
             FROM hr_performance_employee_move WHERE kind = 'departure'
         GROUP BY 1""",
    ),
    (
        "Time to Productivity",
        "hr.performance.outcome.report",
        ["hire_date:quarter"],
        ["hire_count:sum", "days_to_first_goal:avg", "days_to_meets:avg"],
        """SELECT date_trunc('quarter', date), count(*)
             FROM hr_performance_employee_move WHERE kind = 'hire'
         GROUP BY 1""",
    ),
    (
        "Team Outcomes",
        "hr.performance.team.outcome.report",
        ["department_id", "date:year"],
        [
            "cadence_kept:avg",
            "feedback_rate:avg",
            "smart_rate:avg",
            "rating_value:avg",
            "turnover_rate:avg",
            "goal_attainment:avg",
        ],
        # The check-ins of each manager's department and year: the view's
        # groups over one of its base tables.
        """SELECT m.department_id, date_trunc('year', c.date),
                  count(*) FILTER (WHERE c.state = 'done'), count(*)
             FROM hr_performance_checkin c
             JOIN hr_employee m ON m.id = c.manager_id
         GROUP BY 1, 2""",
    ),
)
for label, model, groupby, aggregates, raw in OUTCOME_VIEWS:
    # Warm the access and rule caches: the steady state is measured, as for SQL.
    as_officer[model]._read_group([], groupby, aggregates)
    raw_groups(raw)()
    baseline = measure(raw_groups(raw))
    record(f"baseline: raw SQL aggregate of the same groups ({label})", baseline)
    grouped = measure(
        lambda model=model, groupby=groupby, aggregates=aggregates: as_officer[
            model
        ]._read_group([], groupby, aggregates)
    )
    record(
        f"{label} pivot, default grouping, as HR",
        grouped,
        baseline,
        note=f"{len(grouped[3])} groups",
    )
baseline = measure(
    raw_groups(
        """SELECT c.manager_id, count(*) FILTER (WHERE c.state = 'done'), count(*)
              FROM hr_performance_checkin c
             WHERE c.date >= %s AND c.date < %s
          GROUP BY 1""",
        date(year, 1, 1),
        date(year + 1, 1, 1),
    )
)
record("baseline: raw SQL aggregate of the same groups (teams of the year)", baseline)
team_correlations(as_officer, year)
correlated = measure(lambda: team_correlations(as_officer, year))
record(
    "process against outcomes: 9 correlations, as HR",
    correlated,
    baseline,
    note=f"{correlated[3]['teams']} teams",
)

header = ("scenario", "wall s", "queries", "peak MB", "vs baseline", "")
widths = [max(len(str(r[i])) for r in [header, *rows]) for i in range(len(header))]
for row in [header, *rows]:
    print("  ".join(str(c).ljust(w) for c, w in zip(row, widths, strict=True)).rstrip())
print("bench ok" if consistent else "bench failed")
