"""Reproducible benchmark data: a company of ``n`` employees in a hierarchy
6 to 8 levels deep, with departments, jobs, skills, a goal tree, check-ins
and feedback. Everything is created with batched ``create([...])``.

Each person has a user, as in a company that runs the addon: everyone who
manages someone is an internal user; of the others, two in three are
internal users and one in three a portal user (staff without a backend
licence, who use ``/my/performance``). ``users=False`` leaves them out.

Run inside an Odoo environment (see ``run.py``); ``random.Random(seed)``
makes two runs with the same seed produce the same company.
"""

import random
from datetime import date, timedelta

FIRST = "Ada Ben Cleo Dev Eli Fay Gus Hana Ivo Jun Kai Lea Mo Nia Oto Pia Quin Rui Sol Tea Uma Vik Wes Xia Yan Zoe".split()
LAST = "Adler Berg Costa Diaz Eder Fox Garcia Hale Ito Jung Kim Lund Moreau Novak Ortiz Park Quist Rossi Silva Toth Ueda Vos Weber Young Zhou".split()


def _tree_sizes(n, depth, rng):
    """People per level: a span of control of 3-6, so that ``n`` people fill
    about ``depth`` levels; the last level takes whoever is left, so that
    there are always exactly ``n``."""
    levels = [1]
    while sum(levels) < n and len(levels) < depth:
        levels.append(min(n - sum(levels), levels[-1] * rng.randint(3, 6)))
    levels[-1] += n - sum(levels)
    return levels


USER_BATCH = 500  # users per create: res.users create is slow per row
BATCH = 5000  # other records per create; the cache is emptied after each


def _create(model, vals_list):
    """``model.create(vals_list)`` in batches of ``BATCH``, each flushed and
    forgotten, so that 100,000 people keep a bounded memory."""
    records = model.browse()
    for start in range(0, len(vals_list), BATCH):
        records |= model.create(vals_list[start : start + BATCH])
        model.env.flush_all()
        model.env.invalidate_all()
    return records


def _users(env, names, portal, tag):
    """One user per name, created in batches without the reset-password mail
    and with one group each: portal for the indexes in ``portal``, internal
    for the others. Returns them in the order of ``names``."""
    internal = env.ref("base.group_user").id
    portal_group = env.ref("base.group_portal").id
    Users = env["res.users"].with_context(
        no_reset_password=True,
        tracking_disable=True,
        mail_create_nolog=True,
        mail_notrack=True,
    )
    users = env["res.users"]
    for start in range(0, len(names), USER_BATCH):
        users |= Users.create(
            [
                {
                    "name": name,
                    "login": f"bench.{tag}.{i}",
                    "email": f"bench.{tag}.{i}@example.com",
                    "groups_id": [(6, 0, [portal_group if i in portal else internal])],
                }
                for i, name in enumerate(names[start : start + USER_BATCH], start=start)
            ]
        )
    return users


def generate(env, n, seed=42, goals_target=None, users=True):
    """Create the company; return a dict of the records scenarios use."""
    rng = random.Random(seed)
    company = env.company
    ctx = {"tracking_disable": True, "mail_create_nolog": True, "mail_notrack": True}
    Employee = env["hr.employee"].with_context(**ctx)

    departments = env["hr.department"].create(
        [{"name": f"Bench department {i}"} for i in range(max(3, n // 200))]
    )
    jobs = env["hr.job"].create([{"name": f"Bench job {i}"} for i in range(20)])

    # Level by level, each person reporting to someone of the level above.
    levels = _tree_sizes(n, 8, rng)
    people = env["hr.employee"]
    above = env["hr.employee"]
    for level, size in enumerate(levels):
        names = [
            f"{rng.choice(FIRST)} {rng.choice(LAST)} {level}-{i}" for i in range(size)
        ]
        # Person i manages the people i, i + size, ... of the level below:
        # managers are internal users; one in three of the others portal.
        below = levels[level + 1] if level + 1 < len(levels) else 0
        leaves = [i for i in range(size) if i >= below]
        portal = set(leaves[2::3])
        level_users = _users(env, names, portal, level) if users else None
        created = _create(
            Employee,
            [
                {
                    "name": name,
                    "company_id": company.id,
                    "parent_id": above[i % len(above)].id if above else False,
                    "department_id": departments[i % len(departments)].id,
                    "job_id": jobs[rng.randrange(len(jobs))].id,
                    "user_id": level_users[i].id if users else False,
                    "work_email": level_users[i].email if users else False,
                }
                for i, name in enumerate(names)
            ],
        )
        people |= created
        above = created

    # Goals: a company objective cascading 6 levels down, then individual goals.
    goals_target = goals_target or min(10000, 2 * n)
    Goal = env["hr.performance.goal"].with_context(**ctx)
    today = date.today()
    common = {
        "date_start": today.replace(month=1, day=1),
        "date_deadline": today.replace(month=12, day=31),
        "state": "active",
    }
    parents = Goal.create(
        [
            {
                "name": "Bench objective",
                "scope": "company",
                "progress_mode": "children",
                **common,
            }
        ]
    )
    goals = parents
    for level in range(1, 6):
        per_parent = (
            6
            if level < 5
            else max(1, (goals_target - len(goals)) // max(1, len(parents)))
        )
        vals = []
        for parent in parents:
            for j in range(per_parent):
                leaf = level == 5
                goal = {
                    "name": f"Bench goal {level}-{parent.id}-{j}",
                    "scope": "company",
                    "parent_id": parent.id,
                    "progress_mode": "children",
                    **common,
                }
                if leaf:
                    goal.update(
                        scope="individual",
                        employee_id=people[rng.randrange(len(people))].id,
                        progress_mode="manual",
                        progress=rng.randint(0, 100),
                    )
                vals.append(goal)
        parents = Goal.create(vals)
        goals |= parents

    # Check-ins (one per person) and feedback (one per person).
    _create(
        env["hr.performance.checkin"].with_context(**ctx),
        [
            {
                "employee_id": employee.id,
                "date": today - timedelta(days=rng.randint(0, 60)),
            }
            for employee in people.filtered("parent_id")
        ],
    )
    _create(
        env["hr.performance.feedback"].with_context(**ctx),
        [
            {
                "employee_id": people[rng.randrange(len(people))].id,
                "kind": "praise",
                "visibility": "public",
                "body": "<p>Thanks for the help!</p>",
            }
            for _i in range(n)
        ],
    )
    return {
        "employees": people,
        "departments": departments,
        "goals": goals,
        "levels": levels,
    }
