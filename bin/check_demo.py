# Run inside `odoo shell` (bin/test feeds it on stdin) on a database with the demo data:
# checks that the demo company is what README.rst promises. Prints "demo ok" or raises.
# ruff: noqa: F821  (env is given by odoo shell)

data = env["ir.model.data"].search([("module", "=", "hr_performance")])
employees = env["hr.employee"].browse(
    data.filtered(lambda d: d.model == "hr.employee").mapped("res_id")
)
departments = env["hr.department"].browse(
    data.filtered(lambda d: d.model == "hr.department").mapped("res_id")
)
assert len(employees) == 40, f"{len(employees)} demo employees"
assert len(departments) == 5, f"{len(departments)} demo departments"
assert all(d.manager_id in employees for d in departments), (
    "a department without its head"
)
assert set(employees.department_id) == set(departments), (
    "an employee outside the demo departments"
)


def depth(employee):
    return 1 + depth(employee.parent_id) if employee.parent_id else 1


assert max(depth(e) for e in employees) >= 3, (
    "the hierarchy has fewer than three levels"
)
assert len(employees.filtered(lambda e: not e.parent_id)) == 1, (
    "more than one top of the org chart"
)
assert all(e.job_id for e in employees), "an employee without a job position"
assert all(e.employee_skill_ids for e in employees), "an employee without skills"

logins = {"employee": False, "manager": False, "officer": True}
for login, is_officer in logins.items():
    user = env["res.users"].search([("login", "=", login)])
    assert user.employee_id in employees, f"demo login {login} has no demo employee"
    user.with_user(user)._check_credentials(
        {"type": "password", "password": login}, {"interactive": False}
    )
    assert user.has_group("hr_performance.group_performance_officer") == is_officer, (
        login
    )
manager = env["res.users"].search([("login", "=", "manager")]).employee_id
employee = env["res.users"].search([("login", "=", "employee")]).employee_id
assert employee.parent_id == manager, (
    "the demo employee does not report to the demo manager"
)

goals = env["hr.performance.goal"].search([])
healths = set(goals.mapped("health"))
assert len(goals) >= 30, f"{len(goals)} demo goals"
assert len(goals.filtered(lambda g: g.scope == "company")) >= 3, (
    "too few company objectives"
)
assert {"on_track", "at_risk"} <= healths or {"on_track", "off_track"} <= healths, (
    healths
)
assert all(g.progress > 0 for g in goals.filtered(lambda g: g.scope == "company")), (
    "a company goal without progress"
)
assert len(goals.filtered("parent_id")) >= 25, "goals not cascading"
assert env["hr.performance.goal.update"].search_count([]) >= 50, "too few goal updates"
assert employee.performance_goal_ids, "the demo employee has no goals"
checkins = env["hr.performance.checkin"].search([])
assert len(checkins.filtered(lambda c: c.state == "done")) >= 30, (
    "too few past check-ins"
)
assert checkins.filtered(
    lambda c: c.state == "planned" and c.employee_id == employee
), "no upcoming check-in for the demo employee"
assert set(checkins.mapped("kind")) >= {
    "one_on_one",
    "weekly",
    "project_debrief",
    "quarterly",
}, "check-in kinds missing"
assert env["hr.employee"].search_count(
    [("checkin_overdue", "=", True), ("parent_id", "=", manager.id)]
), "nobody overdue in the demo manager's team"
feedback = env["hr.performance.feedback"].search([])
assert len(feedback.filtered(lambda f: f.visibility == "public")) >= 6, (
    "the kudos wall is nearly empty"
)
assert env["hr.performance.feedback.request"].search_count(
    [("reviewer_user_id.login", "=", "employee"), ("state", "=", "requested")]
), "no request for the demo employee to answer"
cycles = env["hr.performance.cycle"].search([])
assert set(cycles.mapped("state")) >= {"closed", "open"}, (
    "demo cycles: one closed, one open"
)
closed = cycles.filtered(lambda c: c.state == "closed")
assert all(r.state == "done" and r.final_rating_level_id for r in closed.review_ids), (
    "last year's reviews unfinished"
)
assert env["hr.performance.calibration.adjustment"].search_count([]), (
    "no calibration adjustment in the demo"
)
session = env["hr.performance.calibration"].search([("cycle_id", "in", closed.ids)])
assert session.state == "done" and len(session.adjustment_ids) >= 2, (
    "no completed calibration session with adjustments on last year's cycle"
)
assert session.stat_ids.filtered(lambda s: s.kind == "manager"), (
    "the demo calibration has no statistics"
)
current = cycles.filtered(lambda c: c.state == "open")
assert {"self_review", "manager_review", "calibration"} <= set(
    current.review_ids.mapped("state")
), "this year's cycle is not in progress"
assert current.review_ids.filtered(lambda r: r.employee_id == employee), (
    "no current review for the demo employee"
)
assert current.template_id.peer_review and current.template_id.upward_review, (
    "this year's cycle has no 360"
)
assert current.review_ids.filtered("nomination_pending").manager_user_id == (
    manager.user_id
), "no 360 reviewers waiting for the demo manager's approval"
assert current.review_ids.filtered("has_peer_score"), "no 360 score in the demo"
assert current.review_ids.filtered(
    lambda r: r.employee_id == manager
).has_upward_score, "no upward score for the demo manager"
assert {"peer", "upward"} <= set(
    env["hr.performance.feedback.request"]
    .search([("reviewer_user_id.login", "=", "employee"), ("state", "=", "requested")])
    .mapped("relation")
), "the demo employee has no 360 and upward request to answer"
matrix = env["hr.performance.skill.matrix"].search([("required", "=", True)])
assert len(matrix.job_id) >= 4, "too few job skill profiles"
assert matrix.filtered(lambda row: row.gap > 0 and row.employee_id == employee), (
    "the demo employee has no skill gap"
)
plans = env["hr.performance.development.plan"].search([])
assert plans.filtered(lambda p: p.employee_id == employee and p.state == "active"), (
    "no active development plan for the demo employee"
)
assert set(plans.item_ids.mapped("state")) >= {"done", "in_progress", "todo"}, (
    "development actions all at the same step"
)
senior = env["hr.job"].search([("name", "=", "Senior Software Engineer")])
candidates = (
    env["hr.performance.succession"].create({"job_id": senior.id}).candidate_ids
)
assert candidates and candidates[0].skill_match > 50, "no credible succession candidate"
assert env.company.name != "YourCompany" and env.company.logo, (
    "the demo company has no name or logo"
)
assert set(employees.mapped("gender")) == {"female", "male"}, (
    "demo people without gender"
)
assert current.template_id.section_ids.filtered(lambda s: s.kind == "skills"), (
    "no skills section in this year's template"
)
assert current.review_ids.skill_ids, "no skill assessed in this year's reviews"
for checkin in checkins:
    topics = [
        " ".join(n.split()).casefold() for n in checkin.agenda_item_ids.mapped("name")
    ]
    assert len(topics) == len(set(topics)), f"a topic twice on {checkin.display_name}"
print("demo ok")
