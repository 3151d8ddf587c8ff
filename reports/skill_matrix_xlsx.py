"""The XLSX export of the skills matrix: people by skills, each cell the gap
to the level the job requires."""

from ..lib.xlsx import Column, Sheet


def skill_matrix_sheets(env):
    """The matrix as a grid, each cell the gap to the required level (green
    none, red large); from the rows the user of ``env`` may read, in one
    search. Returns ``(file name without extension, [lib.xlsx.Sheet])``."""
    rows = env["hr.performance.skill.matrix"].search_read(
        [("required", "=", True)],
        ["employee_id", "department_id", "job_id", "skill_id", "gap"],
        order="employee_id, skill_id",
    )
    skills = sorted({row["skill_id"] for row in rows}, key=lambda s: s[1])
    people = {}
    for row in rows:
        person = people.setdefault(
            row["employee_id"],
            {"department": row["department_id"], "job": row["job_id"], "gaps": {}},
        )
        person["gaps"][row["skill_id"][0]] = row["gap"]
    columns = [
        Column(env._("Employee"), width=28),
        Column(env._("Department"), width=22),
        Column(env._("Job Position"), width=24),
    ] + [Column(name, "gap", width=12) for _id, name in skills]
    grid = [
        [
            employee[1],
            person["department"] and person["department"][1],
            person["job"] and person["job"][1],
        ]
        + [person["gaps"].get(skill_id) for skill_id, _name in skills]
        for employee, person in sorted(people.items(), key=lambda item: item[0][1])
    ]
    return env._("Skills matrix"), [Sheet(env._("Skill Gaps"), columns, grid)]
