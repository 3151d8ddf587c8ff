from werkzeug.exceptions import NotFound

from odoo import http
from odoo.addons.portal.controllers.portal import pager as portal_pager
from odoo.exceptions import UserError
from odoo.http import request

from ..lib import inputs
from .portal_colleagues import ColleaguePortal
from .readonly import read_only_unless_just_written

# The statuses an employee moves their own actions through (cancelling one is
# the manager's call).
ITEM_STATES = ("todo", "in_progress", "done")
SHARED_GOALS_PER_PAGE = 20


class PlanPortal(ColleaguePortal):
    """My development plan and its actions; the goals shared with me."""

    # ------------------------------------------------------------------ plan

    def _plan_page(self, error_text=None, message=None):
        Plan = request.env["hr.performance.development.plan"]
        # sudo: the user's own plans (_portal_domain), drafts left to the manager
        plans = Plan.sudo().search(
            [*Plan._portal_domain(), ("state", "in", ("active", "done"))],
            order="state, create_date desc, id desc",
            limit=20,
        )
        Item = request.env["hr.performance.development.item"]
        return self._render(
            "hr_performance.portal_my_plan",
            {
                "page_name": "performance_plan",
                "plans": plans,
                "item_states": [
                    (key, label)
                    for key, label in Item._fields["state"]._description_selection(
                        request.env
                    )
                    if key in ITEM_STATES
                ],
                "error_text": error_text,
                "message": message,
            },
        )

    @http.route(
        "/my/performance/plan",
        type="http",
        auth="user",
        methods=["GET"],
        readonly=read_only_unless_just_written,
        website=True,
    )
    def portal_my_plan(self, **kwargs):
        message = "saved" if kwargs.get("message") == "saved" else None
        return self._plan_page(message=message)

    @http.route(
        "/my/performance/plan/actions/<int:item_id>",
        type="http",
        auth="user",
        methods=["POST"],
        website=True,
    )
    def portal_my_plan_action(self, item_id, state=None, **kwargs):
        item = self._own("hr.performance.development.item", item_id)
        if item.plan_id.state != "active" or item.state == "cancelled":
            error = request.env._("This action is closed: nothing was changed.")
        elif state not in ITEM_STATES:
            error = request.env._("Choose a status from the list.")
        else:
            error = None
            try:
                with request.env.cr.savepoint():
                    # The item's write lets its employee move the status only.
                    self._as_user(item).write({"state": state})
            except UserError as refused:
                error = str(refused)
        if error:
            return self._plan_page(error_text=error)
        return request.redirect("/my/performance/plan?message=saved")

    # ------------------------------------------------------------------ shared goals

    @http.route(
        [
            "/my/performance/shared-goals",
            "/my/performance/shared-goals/page/<int:page>",
        ],
        type="http",
        auth="user",
        methods=["GET"],
        readonly=read_only_unless_just_written,
        website=True,
    )
    def portal_shared_goals(self, page=1, **kwargs):
        """The company's goals and my department's, read-only."""
        if isinstance(page, int) and not inputs.positive_id(page):
            raise NotFound()
        employee = self._employee()
        # sudo: searched only with the user's own company and department
        Goal = request.env["hr.performance.goal"].sudo()
        domain = self._shared_goal_domain(employee)
        count = Goal.search_count(domain) if employee else 0
        pager = portal_pager(
            url="/my/performance/shared-goals",
            total=count,
            page=page,
            step=SHARED_GOALS_PER_PAGE,
        )
        goals = (
            Goal.search(
                domain,
                order="scope, date_deadline asc, id desc",
                limit=SHARED_GOALS_PER_PAGE,
                offset=pager["offset"],
            )
            if employee
            else Goal
        )
        return self._render(
            "hr_performance.portal_shared_goals",
            {"page_name": "performance_shared_goals", "goals": goals, "pager": pager},
        )

    @staticmethod
    def _shared_goal_domain(employee):
        """Published (active or done) goals of the employee's company: the
        company-wide ones and those of their department."""
        shared = [("scope", "=", "company")]
        if employee.department_id:
            shared = [
                "|",
                *shared,
                "&",
                ("scope", "=", "department"),
                ("department_id", "=", employee.department_id.id),
            ]
        return [
            ("company_id", "=", employee.company_id.id),
            ("state", "in", ("active", "done")),
            *shared,
        ]
