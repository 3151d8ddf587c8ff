import json
import os

from odoo import http
from odoo.addons.base.tests.common import DISABLED_MAIL_CONTEXT
from odoo.addons.mail.tests.common import mail_new_test_user
from odoo.modules.module import get_module_path
from odoo.tests import TransactionCase


class HrPerformanceCase(TransactionCase):
    """One user per role, and a small org chart: manager → employee, peer.

    Roles are the contract's: employees and managers are plain internal users
    (a manager is whoever the org chart says), HR officers and administrators
    hold the addon's groups, portal users have no backend.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, **DISABLED_MAIL_CONTEXT))
        cls.company = cls.env.company

        user = cls._user
        cls.user_admin = user(
            "perf_admin",
            "Ada Admin",
            "base.group_user,hr_performance.group_performance_admin",
        )
        cls.user_officer = user(
            "perf_officer",
            "Olga Officer",
            "base.group_user,hr_performance.group_performance_officer",
        )
        cls.user_manager = user("perf_manager", "Marco Manager")
        cls.user_employee = user("perf_employee", "Eva Employee")
        cls.user_peer = user("perf_peer", "Pablo Peer")
        cls.user_portal = user("perf_portal", "Paula Portal", "base.group_portal")

        cls.department = cls.env["hr.department"].create(
            {"name": "Product Engineering"}
        )
        cls.emp_manager = cls.env["hr.employee"].create(
            {
                "name": "Marco Manager",
                "user_id": cls.user_manager.id,
                "department_id": cls.department.id,
            }
        )
        cls.department.manager_id = cls.emp_manager
        cls.emp_employee, cls.emp_peer = cls.env["hr.employee"].create(
            [
                {
                    "name": name,
                    "user_id": user.id,
                    "department_id": cls.department.id,
                    "parent_id": cls.emp_manager.id,
                }
                for name, user in (
                    ("Eva Employee", cls.user_employee),
                    ("Pablo Peer", cls.user_peer),
                )
            ]
        )
        cls.scale = cls.env.ref("hr_performance.rating_scale_default")

    @classmethod
    def _user(cls, login, name, groups="base.group_user", company=None, companies=None):
        """A user of ``company`` (default: the test company), allowed in
        ``companies`` (default: that company only); the password is the login."""
        company = company or cls.company
        return mail_new_test_user(
            cls.env,
            login=login,
            name=name,
            email=f"{login}@example.com",
            groups=groups,
            company_id=company.id,
            company_ids=(companies or company).ids,
        )

    @classmethod
    def _addon_models(cls, wizards=True):
        """The names of the addon's models, SQL views included, sorted."""
        return sorted(
            name
            for name in cls.env.registry
            if name.startswith("hr.performance.")
            and not cls.env[name]._abstract
            and (wizards or not cls.env[name]._transient)
        )

    def _routes(self):
        """Every route the addon's controllers declare: (url, endpoint), the
        url as declared (``/my/performance/goals/<int:goal_id>``)."""
        return [
            (url, endpoint)
            for url, endpoint in http._generate_routing_rules(
                sorted(self.env.registry._init_modules), nodb_only=False
            )
            if endpoint.original_endpoint.__module__.startswith(
                "odoo.addons.hr_performance."
            )
        ]

    def _assert_generated_doc(self, relative_path, text, rewrite_variable):
        """The file ``relative_path`` of the addon holds ``text``; with the
        environment variable ``rewrite_variable`` set, it is rewritten first
        (then review its diff)."""
        path = os.path.join(get_module_path("hr_performance"), relative_path)
        if os.environ.get(rewrite_variable):
            with open(path, "w", encoding="utf-8") as doc:
                doc.write(text)
        with open(path, encoding="utf-8") as doc:
            self.assertEqual(
                doc.read(), text, f"{relative_path} is out of date: see its header"
            )

    @classmethod
    def _settle_rollups(cls):
        """Run the roll-up job, as the cron workers do a moment after any goal
        update (sub-goals reach their parents asynchronously)."""
        cls.env["hr.performance.goal"].flush_model()
        cls.env["hr.performance.goal"]._cron_rollup()
        cls.env.invalidate_all()

    @classmethod
    def _goal(cls, **vals):
        """A goal with sensible defaults (individual, owned by the employee)."""
        values = {
            "name": "Ship the onboarding revamp",
            "scope": "individual",
            "employee_id": cls.emp_employee.id,
        }
        values.update(vals)
        return cls.env["hr.performance.goal"].create(values)

    @classmethod
    def _add_portal_employee(cls):
        """Paula Portal (a portal user, no backend licence) as an employee of
        Marco's team."""
        cls.emp_portal = cls.env["hr.employee"].create(
            {
                "name": "Paula Portal",
                "user_id": cls.user_portal.id,
                "parent_id": cls.emp_manager.id,
            }
        )

    @classmethod
    def _calibration_session(cls, name="Engineering calibration"):
        """A session over a cycle whose reviews of Eva and Pablo wait in
        calibration, both at the scale's middle rating with a medium potential."""
        levels = cls.scale.level_ids.sorted("value")
        cycle = cls._review(
            "calibration",
            employees=cls.emp_employee | cls.emp_peer,
            rating=int(levels[2].value),
            potential="medium",
        ).cycle_id
        return cls.env["hr.performance.calibration"].create(
            {"name": name, "cycle_id": cycle.id}
        )

    @classmethod
    def _add_second_line(cls):
        """Iris Indirect above Marco (Iris → Marco → Eva, Pablo), and Oscar
        Other, who leads another team."""
        cls.user_indirect = cls._user("perf_indirect", "Iris Indirect")
        cls.emp_indirect = cls.env["hr.employee"].create(
            {"name": "Iris Indirect", "user_id": cls.user_indirect.id}
        )
        cls.emp_manager.parent_id = cls.emp_indirect
        cls.user_other_manager = cls._user("perf_other_manager", "Oscar Other")
        cls.emp_other_manager = cls.env["hr.employee"].create(
            {"name": "Oscar Other", "user_id": cls.user_other_manager.id}
        )

    @classmethod
    def _cycle(cls, **vals):
        """A draft review cycle of this year with the default template."""
        values = {
            "name": "2026 annual review",
            "date_start": "2026-01-01",
            "date_end": "2026-12-31",
            "template_id": cls.env.ref("hr_performance.review_template_default").id,
            "rating_scale_id": cls.scale.id,
            "employee_ids": [cls.emp_employee.id, cls.emp_peer.id],
        }
        values.update(vals)
        return cls.env["hr.performance.cycle"].create(values)

    REVIEW_STEPS = ("self_review", "manager_review", "calibration", "shared", "done")

    @classmethod
    def _review(
        cls,
        state="self_review",
        employees=None,
        rating=3,
        self_rating=None,
        potential=False,
        comment="<p>Because.</p>",
        **vals,
    ):
        """The review of the fixture's employee (or of each of ``employees``)
        in a newly launched cycle (``vals``: the cycle's values, see
        ``_cycle``; the participants default to ``employees``), brought to
        ``state`` with these answers by ``_advance``."""
        employees = employees or cls.emp_employee
        vals.setdefault("employee_ids", employees.ids)
        cycle = cls._cycle(**vals)
        cycle.action_launch()
        reviews = cycle.review_ids.filtered(lambda r: r.employee_id in employees)
        reviews = reviews.sorted(lambda r: list(employees).index(r.employee_id))
        return cls._advance(reviews, state, rating, self_rating, potential, comment)

    @classmethod
    def _advance(
        cls,
        reviews,
        state,
        rating=3,
        self_rating=None,
        potential=False,
        comment="<p>Because.</p>",
    ):
        """``reviews`` (launched, of one cycle) brought to ``state`` through
        the real actions, each by the user who takes it:

        * ``manager_review``: the employee answers every question (the level
          of value ``self_rating``, else ``rating``, and ``comment``) and
          submits the self review;
        * ``calibration``: the manager answers (``rating``), proposes the
          level ``rating`` (and ``potential``) and submits; HR starts the
          cycle's calibration;
        * ``shared``: HR releases the cycle;
        * ``done``: the employee acknowledges.

        HR is the superuser, who also stands in for someone without a user."""
        step = cls.REVIEW_STEPS.index(state)
        cycle = reviews.cycle_id
        levels = {int(level.value): level for level in cycle.rating_scale_id.level_ids}

        def as_user(review, user):
            return review.with_user(user) if user else review

        for review in reviews:
            employee = as_user(review, review.employee_id.user_id)
            manager = as_user(review, review.manager_user_id)
            if step >= 1 and review.state == "self_review":
                cls._fill_answers(
                    employee.self_line_ids, levels[self_rating or rating], comment
                )
                employee.action_submit_self_review()
            if step >= 2:
                cls._fill_answers(manager.manager_line_ids, levels[rating], comment)
                manager.write(
                    {
                        "proposed_rating_level_id": levels[rating].id,
                        "potential": potential,
                    }
                )
                manager.action_submit_manager_review()
        if step >= 2:
            cycle.action_start_calibration()
        if step >= 3:
            cycle.action_release()
        if step >= 4:
            for review in reviews:
                as_user(review, review.employee_id.user_id).action_acknowledge()
        return reviews

    @staticmethod
    def _fill_answers(lines, level, comment="<p>Because.</p>"):
        """Every answer of ``lines``, by the user of their environment: the
        rating ``level`` (where the question takes one) and ``comment``."""
        lines.write({"comment": comment})
        lines.filtered(lambda line: line.answer_type != "text").write(
            {"rating_level_id": level.id}
        )

    def _rpc(self, model, method, args, kwargs=None):
        """``model.method(*args, **kwargs)`` over JSON-RPC, as the user logged
        in with ``authenticate`` (HttpCase only): the reply, as JSON."""
        response = self.url_open(
            f"/web/dataset/call_kw/{model}/{method}",
            data=json.dumps(
                {
                    "jsonrpc": "2.0",
                    "method": "call",
                    "id": 1,
                    "params": {
                        "model": model,
                        "method": method,
                        "args": args,
                        "kwargs": kwargs or {},
                    },
                }
            ),
            headers={"Content-Type": "application/json"},
        )
        self.assertEqual(response.status_code, 200)
        return response.json()
