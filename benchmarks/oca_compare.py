"""Run in ``odoo shell`` by ``bin/bench-oca``: the launch of a cycle for N
people who each have a user, beside OCA's ``hr_appraisal_oca`` creating and
confirming one appraisal per person (its manager as appraiser, as its form
does), on the same company in the same run. Each side runs twice, in turns,
on people of its own (a first run warms Python's and PostgreSQL's caches);
the second runs are compared."""

import os
import sys
import time
from datetime import date

sys.path.insert(0, os.path.join(os.environ["BENCH_REPO"], "benchmarks"))
from generate import generate

N = int(os.environ.get("BENCH_N", "200"))
env = env  # noqa: F821 (provided by odoo shell)

print(f"generating {4 * N + 20} employees with users...", file=sys.stderr)
people = generate(env, 4 * N + 20, 42, users=True)["employees"]
# People with a user and a manager (the appraiser), N for each of four runs.
people = people.filtered("user_id").filtered("parent_id")[: 4 * N]
assert len(people) == 4 * N, len(people)
env.cr.commit()
env["ir.config_parameter"].sudo().set_param(
    "hr_performance.launch_background_threshold", str(N + 1)
)
year = date.today().year


def measure(fn):
    env.flush_all()
    env.invalidate_all()
    before = env.cr.sql_log_count
    start = time.perf_counter()
    fn()
    env.flush_all()
    return time.perf_counter() - start, env.cr.sql_log_count - before


def launch(employees):
    cycle = env["hr.performance.cycle"].create(
        {
            "name": f"Cycle of {len(employees)}",
            "date_start": date(year, 1, 1),
            "date_end": date(year, 12, 31),
            "employee_ids": [(6, 0, employees.ids)],
        }
    )
    env.flush_all()
    return lambda: cycle.action_launch()


def oca(employees):
    def run():
        appraisals = env["hr.appraisal"].create(
            [
                {
                    "employee_id": employee.id,
                    "manager_ids": [(6, 0, employee.parent_id.ids)],
                    "date_close": date(year, 12, 31),
                }
                for employee in employees
            ]
        )
        for appraisal in appraisals:  # action_confirm takes one record
            appraisal.action_confirm()

    return run


def launch_mails():
    """The background job that mails each participant, run to the end."""
    Review = env["hr.performance.review"]
    while Review.search_count([("launch_mail_pending", "=", True)]):
        Review._cron_send_launch_mails()


batches = [people[i * N : (i + 1) * N] for i in range(4)]
results = {}
for turn, (side, build, batch) in enumerate(
    [
        ("hr_performance", launch, batches[0]),
        ("hr_appraisal_oca", oca, batches[1]),
        ("hr_appraisal_oca", oca, batches[2]),
        ("hr_performance", launch, batches[3]),
    ]
):
    results[side] = measure(build(batch))
    if side == "hr_performance":
        # OCA mails as it confirms; the launch leaves its mails to a job.
        results["mails"] = measure(launch_mails)
    env.cr.commit()
    print(
        f"run {turn + 1}: {side}: {results[side][0]:.2f} s, {results[side][1]} queries",
        file=sys.stderr,
    )

ours, theirs = results["hr_performance"], results["hr_appraisal_oca"]
print(f"{'scenario':<58} {'s':>7} {'queries':>8}")
print(
    f"{'hr_appraisal_oca: create + confirm ' + str(N) + ' appraisals':<58} "
    f"{theirs[0]:>7.2f} {theirs[1]:>8}"
)
print(
    f"{'hr_performance: launch a cycle of ' + str(N) + ' people':<58} "
    f"{ours[0]:>7.2f} {ours[1]:>8}"
)
mails = results["mails"]
print(
    f"{'hr_performance: then its start mails (background job)':<58} "
    f"{mails[0]:>7.2f} {mails[1]:>8}"
)
print(
    f"time ratio: {ours[0] / theirs[0]:.3f} (target at most 0.1); "
    f"queries ratio: {ours[1] / theirs[1]:.3f}; with the mails: "
    f"{(ours[0] + mails[0]) / theirs[0]:.3f}"
)
reviews = env["hr.performance.review"].search_count([])
appraisals = env["hr.appraisal"].search_count([])
print(f"reviews: {reviews}, appraisals: {appraisals} (each {2 * N} expected)")
sys.exit(0 if reviews == appraisals == 2 * N else 1)
