from urllib.parse import urlencode

from werkzeug.exceptions import NotFound

from odoo import http
from odoo.addons.portal.controllers.portal import CustomerPortal
from odoo.addons.portal.controllers.portal import pager as portal_pager
from odoo.exceptions import UserError, ValidationError
from odoo.http import request
from odoo.osv import expression
from odoo.tools import html2plaintext, plaintext2html

from ..lib import inputs
from .readonly import read_only_unless_just_written

OPEN_GOALS = [("state", "in", ("draft", "active"))]
GOALS_PER_PAGE = 20
OVERVIEW_LIMIT = 5


class PerformancePortal(CustomerPortal):
    """The employee's own performance records, for internal users and for
    portal users linked to an employee.

    Every record is looked up through ``_mine``: it must exist and be within
    its model's ``_portal_domain()`` (the user's own records; a foreign and a
    missing id answer the same 404), after which it is read with sudo, since
    portal users have no backend rights. Lists search within the same domain. Changes go
    through POST forms (CSRF checked by Odoo) that write only the fields named
    here, through the models' own state checks.

    What a URL or a form carries is bounded first (``lib/inputs.py``): an id
    outside PostgreSQL's ``integer`` answers 404 before any query; a number
    must be finite, a text within its limit, or the form is refused with a
    message and nothing is written.
    """

    def _employee(self):
        # sudo: the current user's own employee
        return (
            request.env["hr.employee"]
            .sudo()
            .search([("user_id", "=", request.env.uid)], limit=1)
        )

    def _mine(self, model, record_id):
        """The record ``record_id`` of ``model`` if the portal shows it to the
        user (its model's ``_portal_domain()``), with sudo; else 404."""
        # 0, negative, 2^31 and more: no record can have it, and PostgreSQL
        # would refuse the query (a 500), so it is not asked.
        record_id = inputs.positive_id(record_id)
        if not record_id:
            raise NotFound()
        # Found only within the portal domain: foreign or missing, 404.
        record = self._portal_search(model, [("id", "=", record_id)], limit=1)
        if not record:
            raise NotFound()
        return record

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "performance_count" in counters:
            values["performance_count"] = self._portal_count(
                "hr.performance.goal", OPEN_GOALS
            )
        return values

    def _portal_search(self, model, domain, **kwargs):
        """``search(domain, **kwargs)`` of ``model`` within its portal
        domain, with sudo."""
        # sudo: within the model's portal domain (the user's own records)
        Model = request.env[model].sudo()
        return Model.search(expression.AND([Model._portal_domain(), domain]), **kwargs)

    def _portal_count(self, model, domain):
        """``search_count(domain)`` of ``model`` within its portal domain."""
        # sudo: within the model's portal domain (the user's own records)
        Model = request.env[model].sudo()
        return Model.search_count(expression.AND([Model._portal_domain(), domain]))

    def _render(self, template, values):
        values = {
            **self._prepare_portal_layout_values(),
            "text_limits": inputs.TEXT_LIMITS,
            **values,
        }
        return request.render(template, values)

    @staticmethod
    def _html(text):
        """Plain text typed in a form, as escaped HTML (empty stays empty)."""
        text = inputs.clean_text(text)
        return plaintext2html(text) if text else False

    @staticmethod
    def _too_long(label, text, kind):
        """The message refusing ``text`` (cleaned) when it exceeds the limit
        of its ``kind``, else None; ``label`` names the field, translated."""
        if not inputs.too_long(text, kind):
            return None
        return request.env._(
            "%(field)s is too long: %(count)s characters, at most %(limit)s. "
            "Nothing was saved.",
            field=label,
            count=len(text),
            limit=inputs.TEXT_LIMITS[kind],
        )

    def _answers_too_long(self, answers, post):
        """The message refusing the first ``comment_<id>`` of ``post`` over
        its limit, among ``answers``' fields, else None."""
        for answer in answers:
            comment = inputs.clean_text(post.get(f"comment_{answer.id}"))
            if inputs.too_long(comment, "answer"):
                label = request.env._(
                    "The comment on “%(question)s”", question=answer.name
                )
                return self._too_long(label, comment, "answer")
        return None

    def _write_answers(self, answers, post):
        """The ``rating_<id>`` and ``comment_<id>`` fields of a posted form,
        onto answers (``hr.performance.answer.mixin``); a rating that is not a
        level of the answers' scale is dropped."""
        levels = answers.rating_scale_id.level_ids
        for answer in answers:
            vals = {}
            rating = post.get(f"rating_{answer.id}")
            if rating is not None:
                vals["rating_level_id"] = (
                    levels.filtered(lambda lv, r=rating: str(lv.id) == r).id or False
                )
            if f"comment_{answer.id}" in post:
                vals["comment"] = self._html(post[f"comment_{answer.id}"])
            if vals:
                answer.write(vals)

    def _redirect(self, url, message=None, error=None):
        query = {
            key: value
            for key, value in (("message", message), ("error", error))
            if value
        }
        return request.redirect(f"{url}?{urlencode(query)}" if query else url)

    # ------------------------------------------------------------------ overview

    @http.route(
        "/my/performance",
        type="http",
        auth="user",
        methods=["GET"],
        readonly=read_only_unless_just_written,
        website=True,
    )
    def portal_my_performance(self, **kwargs):
        """A fixed number of bounded queries, whatever the history."""
        return self._render(
            "hr_performance.portal_my_performance",
            {
                "page_name": "performance",
                "employee": self._employee(),
                **self._overview_records(),
                "goal_count": self._portal_count(
                    "hr.performance.goal", [("state", "!=", "cancelled")]
                ),
            },
        )

    def _overview_records(self):
        """The first few records of each list of the overview."""
        lists = {
            "goals": (
                "hr.performance.goal",
                OPEN_GOALS,
                "date_deadline asc, id desc",
            ),
            "checkins": (
                "hr.performance.checkin",
                [("state", "=", "planned")],
                "date asc, id",
            ),
            "feedback_requests": (
                "hr.performance.feedback.request",
                [("state", "=", "requested")],
                "deadline asc, id",
            ),
            # The page shows cycle and state only.
            "reviews": (
                "hr.performance.review",
                [("state", "not in", ("done", "cancelled"))],
                "id desc",
            ),
            "kudos": (
                "hr.performance.feedback",
                [("kind", "=", "praise")],
                "create_date desc, id desc",
            ),
        }
        return {
            key: self._portal_search(model, domain, order=order, limit=OVERVIEW_LIMIT)
            for key, (model, domain, order) in lists.items()
        }

    # ------------------------------------------------------------------ goals

    @http.route(
        ["/my/performance/goals", "/my/performance/goals/page/<int:page>"],
        type="http",
        auth="user",
        methods=["GET"],
        readonly=read_only_unless_just_written,
        website=True,
    )
    def portal_my_goals(self, page=1, sortby=None, filterby=None, **kwargs):
        # /page/<int:page> outside 1..2^31-1 is no page (beyond the last one,
        # the pager shows the last); junk in ?page= falls back to the first.
        if isinstance(page, int) and not inputs.positive_id(page):
            raise NotFound()
        sortings, filters = self._goal_sortings(), self._goal_filters()
        sortby = sortby if sortby in sortings else "deadline"
        filterby = filterby if filterby in filters else "open"
        domain = filters[filterby]["domain"]
        count = self._portal_count("hr.performance.goal", domain)
        pager = portal_pager(
            url="/my/performance/goals",
            url_args={"sortby": sortby, "filterby": filterby},
            total=count,
            page=page,
            step=GOALS_PER_PAGE,
        )
        goals = self._portal_search(
            "hr.performance.goal",
            domain,
            order=sortings[sortby]["order"],
            limit=GOALS_PER_PAGE,
            offset=pager["offset"],
        )
        return self._render(
            "hr_performance.portal_my_goals",
            {
                "page_name": "performance_goals",
                "goals": goals,
                "pager": pager,
                "default_url": "/my/performance/goals",
                "searchbar_sortings": sortings,
                "searchbar_filters": filters,
                "sortby": sortby,
                "filterby": filterby,
            },
        )

    def _goal_sortings(self):
        """The goal list's sort orders; anything else in the URL falls back
        to the default. Labels in the user's language."""
        return {
            "deadline": {
                "label": request.env._("Deadline"),
                "order": "date_deadline asc, id desc",
            },
            "name": {"label": request.env._("Name"), "order": "name asc, id desc"},
            "progress": {
                "label": request.env._("Progress"),
                "order": "progress desc, id desc",
            },
        }

    def _goal_filters(self):
        """The goal list's filters; anything else in the URL falls back to
        the default. Labels in the user's language."""
        return {
            "open": {"label": request.env._("Open"), "domain": OPEN_GOALS},
            "done": {
                "label": request.env._("Done"),
                "domain": [("state", "=", "done")],
            },
            "all": {
                "label": request.env._("All"),
                "domain": [("state", "!=", "cancelled")],
            },
        }

    def _goal_values(self, goal, **extra):
        updates = goal.update_ids.sorted(lambda u: (u.date, u.id), reverse=True)
        return {
            "page_name": "performance_goal",
            "goal": goal,
            "updates": updates[:20],
            **extra,
        }

    @http.route(
        "/my/performance/goals/<int:goal_id>",
        type="http",
        auth="user",
        methods=["GET"],
        readonly=read_only_unless_just_written,
        website=True,
    )
    def portal_my_goal(self, goal_id, **kwargs):
        goal = self._mine("hr.performance.goal", goal_id)
        return self._render(
            "hr_performance.portal_my_goal",
            self._goal_values(
                goal, message=kwargs.get("message"), error=kwargs.get("error")
            ),
        )

    @http.route(
        "/my/performance/goals/<int:goal_id>/update",
        type="http",
        auth="user",
        methods=["POST"],
        website=True,
    )
    def portal_my_goal_update(
        self, goal_id, value=None, progress=None, confidence=None, note=None, **kwargs
    ):
        goal = self._mine("hr.performance.goal", goal_id)
        url = f"/my/performance/goals/{goal.id}"
        if goal.state not in ("draft", "active"):
            return self._redirect(url, error="closed")
        field = "value" if goal.progress_mode == "metric" else "progress"
        number = inputs.finite_number(value if field == "value" else progress)
        note = inputs.clean_text(note)
        if number is None:
            error = request.env._("Enter a number, such as 42 or 37.5.")
        else:
            error = self._too_long(request.env._("The note"), note, "goal_note")
        if not error:
            error = self._create_goal_update(
                goal, {field: number, "note": note or False, "confidence": confidence}
            )
        if error:
            return self._render(
                "hr_performance.portal_my_goal",
                self._goal_values(goal, error_text=error),
            )
        return self._redirect(url, message="saved")

    def _create_goal_update(self, goal, vals):
        """Records an update of the user's own goal (``_mine``); the message
        refusing it, or None."""
        Update = request.env["hr.performance.goal.update"]
        if vals["confidence"] not in dict(Update._fields["confidence"].selection):
            del vals["confidence"]
        try:
            with request.env.cr.savepoint():
                # sudo: an update of the user's own goal (_mine), fields named by the route
                Update.sudo().create({"goal_id": goal.id, **vals})
        except (UserError, ValidationError):
            return request.env._(
                "This value cannot be recorded: progress goes from 0 to 100 %."
            )
        return None

    # ------------------------------------------------------------------ check-ins

    @http.route(
        "/my/performance/checkins/<int:checkin_id>",
        type="http",
        auth="user",
        methods=["GET"],
        readonly=read_only_unless_just_written,
        website=True,
    )
    def portal_my_checkin(self, checkin_id, **kwargs):
        return self._checkin_page(self._mine("hr.performance.checkin", checkin_id))

    def _checkin_page(self, checkin, error_text=None):
        # The error comes from the controller, never from the URL.
        return self._render(
            "hr_performance.portal_my_checkin",
            {
                "page_name": "performance_checkin",
                "checkin": checkin,
                "error_text": error_text,
            },
        )

    @http.route(
        "/my/performance/checkins/<int:checkin_id>/items",
        type="http",
        auth="user",
        methods=["POST"],
        website=True,
    )
    def portal_my_checkin_add_item(self, checkin_id, name=None, **kwargs):
        checkin = self._mine("hr.performance.checkin", checkin_id)
        url = f"/my/performance/checkins/{checkin.id}"
        if checkin.state != "planned":
            return request.redirect(url)
        name = inputs.clean_text(name)
        error = (
            self._too_long(request.env._("The topic"), name, "agenda_item")
            if name
            else request.env._("Enter a topic.")
        )
        if error:
            return self._checkin_page(checkin, error_text=error)
        # sudo: an agenda item on the user's own planned check-in (_mine)
        request.env["hr.performance.checkin.item"].sudo().create(
            {"checkin_id": checkin.id, "name": name}
        )
        return request.redirect(url)

    @http.route(
        "/my/performance/checkins/<int:checkin_id>/items/<int:item_id>/toggle",
        type="http",
        auth="user",
        methods=["POST"],
        website=True,
    )
    def portal_my_checkin_toggle_item(self, checkin_id, item_id, **kwargs):
        checkin = self._mine("hr.performance.checkin", checkin_id)
        item = checkin.agenda_item_ids.filtered(lambda i: i.id == item_id)
        if not item:  # not on this check-in, missing, or no id at all
            raise NotFound()
        # The employee ticks their own agenda items, while the check-in is planned.
        if checkin.state == "planned" and item.author_user_id.id == request.env.uid:
            item.done = not item.done
        return request.redirect(f"/my/performance/checkins/{checkin.id}")

    # ------------------------------------------------------------------ reviews

    def _review_values(self, review, **extra):
        shared = review.state in ("shared", "done")
        lines = review.line_ids.filtered(lambda line: line.role == "self" or shared)
        return {
            "page_name": "performance_review",
            "review": review,
            "shared": shared,
            "self_lines": lines.filtered(lambda line: line.role == "self"),
            "manager_lines": lines.filtered(lambda line: line.role == "manager"),
            "levels": review.rating_scale_id.level_ids.sorted("value"),
            "editable": review.state == "self_review",
            # Textareas edit plain text; the answers are stored as HTML.
            "plain": {line.id: html2plaintext(line.comment or "") for line in lines},
            **extra,
        }

    @http.route(
        "/my/performance/reviews/<int:review_id>",
        type="http",
        auth="user",
        methods=["GET"],
        readonly=read_only_unless_just_written,
        website=True,
    )
    def portal_my_review(self, review_id, **kwargs):
        review = self._mine("hr.performance.review", review_id)
        return self._render(
            "hr_performance.portal_my_review",
            self._review_values(
                review, message=kwargs.get("message"), error=kwargs.get("error")
            ),
        )

    @http.route(
        "/my/performance/reviews/<int:review_id>/save",
        type="http",
        auth="user",
        methods=["POST"],
        website=True,
    )
    def portal_my_review_save(self, review_id, submit=None, **post):
        review = self._mine("hr.performance.review", review_id)
        url = f"/my/performance/reviews/{review.id}"
        if review.state != "self_review":
            return self._redirect(url, error="closed")
        error = self._answers_too_long(review.self_line_ids, post)
        if error:
            return self._render(
                "hr_performance.portal_my_review",
                self._review_values(review, error_text=error),
            )
        self._write_answers(review.self_line_ids, post)
        if submit:
            try:
                with request.env.cr.savepoint():
                    review.action_submit_self_review()
            except UserError as error:
                return self._render(
                    "hr_performance.portal_my_review",
                    self._review_values(review, error_text=str(error)),
                )
            return self._redirect(url, message="submitted")
        return self._redirect(url, message="saved")

    @http.route(
        "/my/performance/reviews/<int:review_id>/acknowledge",
        type="http",
        auth="user",
        methods=["POST"],
        website=True,
    )
    def portal_my_review_acknowledge(self, review_id, comment=None, **kwargs):
        review = self._mine("hr.performance.review", review_id)
        url = f"/my/performance/reviews/{review.id}"
        if review.state != "shared":
            return self._redirect(url, error="closed")
        comment = inputs.clean_text(comment)
        error = self._too_long(request.env._("Your comment"), comment, "comment")
        if error:
            return self._render(
                "hr_performance.portal_my_review",
                self._review_values(review, error_text=error),
            )
        review.write({"employee_comment": comment or False})
        review.action_acknowledge()
        return self._redirect(url, message="acknowledged")

    @http.route(
        "/my/performance/reviews/<int:review_id>/pdf",
        type="http",
        auth="user",
        methods=["GET"],
        readonly=read_only_unless_just_written,
        website=True,
    )
    def portal_my_review_pdf(self, review_id, **kwargs):
        review = self._mine("hr.performance.review", review_id)
        # Only once released: the report then holds nothing the employee may
        # not read, so rendering it with sudo shows them no more than that.
        if review.state not in ("shared", "done"):
            raise NotFound()
        pdf, _kind = (
            request.env["ir.actions.report"]
            .sudo()
            ._render_qweb_pdf("hr_performance.report_performance_review", review.ids)
        )
        return request.make_response(
            pdf,
            headers=[
                ("Content-Type", "application/pdf"),
                ("Content-Length", len(pdf)),
                (
                    "Content-Disposition",
                    http.content_disposition(f"{review.display_name}.pdf"),
                ),
            ],
        )

    # ------------------------------------------------------------------ feedback requests

    @http.route(
        "/my/performance/requests/<int:request_id>",
        type="http",
        auth="user",
        methods=["GET"],
        readonly=read_only_unless_just_written,
        website=True,
    )
    def portal_my_request(self, request_id, **kwargs):
        return self._request_page(
            self._mine("hr.performance.feedback.request", request_id)
        )

    def _request_page(self, feedback_request, error_text=None):
        # The error comes from the controller, never from the URL.
        return self._render(
            "hr_performance.portal_my_request",
            {
                "page_name": "performance_request",
                "feedback_request": feedback_request,
                "levels": feedback_request.rating_scale_id.level_ids.sorted("value"),
                "error_text": error_text,
            },
        )

    @http.route(
        "/my/performance/requests/<int:request_id>/answer",
        type="http",
        auth="user",
        methods=["POST"],
        website=True,
    )
    def portal_my_request_answer(
        self, request_id, answer=None, decline=None, decline_reason=None, **post
    ):
        feedback_request = self._mine("hr.performance.feedback.request", request_id)
        url = f"/my/performance/requests/{feedback_request.id}"
        if feedback_request.state != "requested":
            return request.redirect(url)
        # sudo: the user's own request (_mine); only the answer fields are written
        mine = feedback_request.with_user(request.env.user).sudo()
        if decline:
            reason = inputs.clean_text(decline_reason)
            error = self._too_long(
                request.env._("The reason"), reason, "decline_reason"
            )
            if error:
                return self._request_page(feedback_request, error_text=error)
            mine.write({"decline_reason": reason or False})
            mine.action_decline()
            return request.redirect("/my/performance")
        error = self._answers_too_long(mine.answer_line_ids, post) or self._too_long(
            request.env._("Your feedback"), inputs.clean_text(answer), "answer"
        )
        if error:
            return self._request_page(feedback_request, error_text=error)
        self._write_answers(mine.answer_line_ids, post)
        if answer is not None:
            mine.write({"answer": self._html(answer)})
        try:
            with request.env.cr.savepoint():
                mine.action_submit()
        except UserError as error:
            return self._request_page(feedback_request, error_text=str(error))
        return self._redirect("/my/performance", message="answered")
