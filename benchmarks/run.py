"""Benchmark scenarios, run in ``odoo shell`` by ``bin/bench`` against a
fresh database: prints one table row per scenario with wall time, SQL
queries, peak Python memory where it matters, and the ratio to a baseline
measured in the same run. Reads ``BENCH_N`` (employees) and ``BENCH_SEED``.
"""

import os
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
rows = []


def measure(fn, memory=False):
    env.flush_all()
    env.invalidate_all()
    before = env.cr.sql_log_count
    if memory:
        tracemalloc.start()
    start = time.perf_counter()
    result = fn()
    env.flush_all()
    wall = time.perf_counter() - start
    peak = None
    if memory:
        peak = tracemalloc.get_traced_memory()[1] / 1e6
        tracemalloc.stop()
    return wall, env.cr.sql_log_count - before, peak, result


def record(name, measured, baseline=None, note=""):
    wall, queries, peak, _result = measured
    ratio = f"{wall / baseline[0]:.1f}x" if baseline and baseline[0] else "-"
    rows.append(
        (
            name,
            f"{wall:.2f}",
            str(queries),
            f"{peak:.0f}" if peak is not None else "-",
            ratio,
            note,
        )
    )


env = env  # noqa: F821 (provided by odoo shell)
print(f"generating {N} employees (seed {SEED})...", file=sys.stderr)
t0 = time.perf_counter()
data = generate(env, N, SEED)
env.cr.commit()
print(
    f"generated in {time.perf_counter() - t0:.1f} s: levels {data['levels']}, "
    f"{len(data['goals'])} goals",
    file=sys.stderr,
)
employees = data["employees"]
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
record(f"cycle launch, {N} participants", measure(cycle.action_launch), baseline)
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
                  overall_score = mod(a.id, 100), potential = 'medium'
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
    env.cr.execute(
        SQL(
            """SELECT r.manager_id, count(*), avg(l.value), stddev_samp(l.value)
                 FROM hr_performance_review r
                 JOIN hr_performance_review_assessment a ON a.review_id = r.id
                 JOIN hr_performance_rating_level l ON l.id = a.rating_level_id
                WHERE r.cycle_id = %s GROUP BY r.manager_id""",
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

# 4. A manager's "My team's reviews" list: 80 rows.
manager = max(employees, key=lambda e: len(e.child_ids))
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
record(
    "my team's reviews list (80 rows)",
    measure(
        lambda: Review.web_search_read(
            [("manager_user_id", "=", user.id)], spec, limit=80
        )
    ),
    note=f"{len(manager.child_ids)} direct reports",
)

# 5. XLSX export of the cycle's results.
from odoo.addons.hr_performance.lib.xlsx import write_workbook  # noqa: E402


def export():
    _name, sheets = cycle._xlsx_sheets()
    with tempfile.TemporaryFile() as target:
        return write_workbook(target, sheets)


record(
    f"XLSX export, {N} result rows",
    measure(export, memory=True),
    note="peak MB = Python heap",
)

# 6. Reminder crons over the population.
record(
    "cron: goal update reminders",
    measure(env["hr.performance.goal"]._cron_update_reminders),
)
record("cron: check-ins due", measure(env["hr.performance.checkin"]._cron_checkin_due))
record(
    "cron: review reminders", measure(env["hr.performance.review"]._cron_send_reminders)
)
env.cr.rollback()

# 7. Concurrency: two sibling goals updated at the same moment in two
# transactions. Both roll up into the same parent row: one transaction hits a
# serialization failure and Odoo's retry replays it; the parent must end up
# consistent. Real cursors and commits, so it runs here rather than in the
# transactional test suite.
import threading  # noqa: E402

from odoo import SUPERUSER_ID, api  # noqa: E402
from odoo.service.model import retrying  # noqa: E402

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
        for i in range(2)
    ]
)
env.cr.commit()
barrier = threading.Barrier(2, timeout=30)
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
            retrying(update, thread_env)
    except Exception as error:
        errors.append(error)


start = time.perf_counter()
threads = [
    threading.Thread(target=concurrent_update, args=(goal.id, value))
    for goal, value in zip(siblings, (11, 99), strict=True)
]
for thread in threads:
    thread.start()
for thread in threads:
    thread.join(120)
env.invalidate_all()
expected = sum(c.progress * c.weight for c in parent.child_ids) / sum(
    parent.child_ids.mapped("weight")
)
consistent = (
    not errors
    and not any(t.is_alive() for t in threads)
    and siblings.mapped("progress") == [11.0, 99.0]
    and abs(parent.progress - expected) < 0.01
)
rows.append(
    (
        "two sibling goal updates at once",
        f"{time.perf_counter() - start:.2f}",
        "-",
        "-",
        "-",
        "parent consistent" if consistent else f"INCONSISTENT {errors}",
    )
)

header = ("scenario", "wall s", "queries", "peak MB", "vs baseline", "")
widths = [max(len(str(r[i])) for r in [header, *rows]) for i in range(len(header))]
for row in [header, *rows]:
    print("  ".join(str(c).ljust(w) for c, w in zip(row, widths, strict=True)).rstrip())
print("bench ok" if consistent else "bench failed")
