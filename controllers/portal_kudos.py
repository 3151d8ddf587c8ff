from odoo import Command, fields, http
from odoo.exceptions import UserError
from odoo.http import request

from ..lib import inputs
from .portal_colleagues import ColleaguePortal
from .readonly import read_only_unless_just_written

KUDOS_VISIBILITIES = ("public", "private")
# A feedback request about oneself: how far ahead its deadline may be.
MAX_REQUEST_DAYS = 366


class KudosPortal(ColleaguePortal):
    """Give kudos to a colleague; ask colleagues for feedback about me."""

    # ------------------------------------------------------------------ kudos

    def _kudos_page(self, error_text=None, message=None, form=None):
        employee = self._employee()
        return self._render(
            "hr_performance.portal_my_kudos",
            {
                "page_name": "performance_kudos",
                "employee": employee,
                "colleagues": self._colleagues(employee),
                "form": form or {},
                "error_text": error_text,
                "message": message,
            },
        )

    @http.route(
        "/my/performance/kudos",
        type="http",
        auth="user",
        methods=["GET"],
        readonly=read_only_unless_just_written,
        website=True,
    )
    def portal_my_kudos_form(self, **kwargs):
        # The message is picked from a fixed list, never shown from the URL.
        message = "sent" if kwargs.get("message") == "sent" else None
        return self._kudos_page(message=message)

    @http.route(
        "/my/performance/kudos",
        type="http",
        auth="user",
        methods=["POST"],
        website=True,
    )
    def portal_my_kudos(self, employee_id=None, body=None, visibility=None, **kw):
        employee = self._employee()
        receiver = self._picked(self._colleagues(employee), employee_id)
        body = inputs.clean_text(body)
        form = {"employee_id": receiver.id, "body": body, "visibility": visibility}
        if not employee:
            error = request.env._("Your user is not linked to an employee.")
        elif not receiver:
            error = request.env._("Choose a colleague from the list.")
        elif not body:
            error = request.env._("Say what you appreciate.")
        elif visibility not in KUDOS_VISIBILITIES:
            error = request.env._("Choose who may read your kudos.")
        else:
            error = self._too_long(
                request.env._("Your message"), body, "kudos"
            ) or self._create_kudos(receiver, body, visibility)
        if error:
            return self._kudos_page(error_text=error, form=form)
        return request.redirect("/my/performance/kudos?message=sent")

    def _create_kudos(self, receiver, body, visibility):
        """Praise of ``receiver`` (a colleague of the user's company), signed
        by the user; the message refusing it, or None. The feedback model
        checks the rest (never to oneself, same company)."""
        Feedback = self._as_user(request.env["hr.performance.feedback"])
        try:
            with request.env.cr.savepoint():
                Feedback.create(
                    {
                        "employee_id": receiver.id,
                        "kind": "praise",
                        "visibility": visibility,
                        "body": self._html(body),
                    }
                )
        except UserError as error:
            return str(error)
        return None

    # ------------------------------------------------------------------ feedback about me

    def _feedback_request_page(self, error_text=None, message=None, form=None):
        employee = self._employee()
        Wizard = request.env["hr.performance.feedback.request.wizard"]
        today = fields.Date.context_today(Wizard)
        return self._render(
            "hr_performance.portal_my_feedback_request",
            {
                "page_name": "performance_ask_feedback",
                "employee": employee,
                "colleagues": self._colleagues(employee, internal=True),
                "form": form
                or {
                    "question": Wizard._fields["question"].default(Wizard),
                    "deadline": fields.Date.to_string(fields.Date.add(today, days=14)),
                    "anonymous": True,
                    "reviewer_ids": [],
                },
                "min_deadline": fields.Date.to_string(today),
                "error_text": error_text,
                "message": message,
            },
        )

    @http.route(
        "/my/performance/feedback/request",
        type="http",
        auth="user",
        methods=["GET"],
        readonly=read_only_unless_just_written,
        website=True,
    )
    def portal_my_feedback_request_form(self, **kwargs):
        message = "sent" if kwargs.get("message") == "sent" else None
        return self._feedback_request_page(message=message)

    @http.route(
        "/my/performance/feedback/request",
        type="http",
        auth="user",
        methods=["POST"],
        website=True,
    )
    def portal_my_feedback_request(self, question=None, deadline=None, **post):
        employee = self._employee()
        colleagues = self._colleagues(employee, internal=True)
        posted = request.httprequest.form.getlist("reviewer_ids")
        reviewers = colleagues.browse()
        for value in posted[: len(colleagues) + 1]:
            reviewers |= self._picked(colleagues, value)
        question = inputs.clean_text(question)
        form = {
            "question": question,
            "deadline": deadline,
            "anonymous": bool(post.get("anonymous")),
            "reviewer_ids": reviewers.ids,
        }
        error = self._feedback_request_error(employee, posted, reviewers, question)
        deadline = self._deadline(deadline)
        if not error and deadline is None:
            error = request.env._("Enter a deadline within a year, from today.")
        if not error:
            error = self._send_feedback_requests(
                employee, reviewers, question, deadline, form["anonymous"]
            )
        if error:
            return self._feedback_request_page(error_text=error, form=form)
        return request.redirect("/my/performance/feedback/request?message=sent")

    def _feedback_request_error(self, employee, posted, reviewers, question):
        if not employee:
            return request.env._("Your user is not linked to an employee.")
        if not posted:
            return request.env._("Choose at least one colleague.")
        if len(reviewers) != len(set(posted)):
            return request.env._("Choose colleagues from the list.")
        if not question:
            return request.env._("Say what you would like feedback on.")
        return self._too_long(request.env._("Your question"), question, "question")

    @staticmethod
    def _deadline(text):
        """The posted date, from today to a year ahead, or None."""
        try:
            deadline = fields.Date.to_date(text) if text else False
        except (TypeError, ValueError):
            return None
        today = fields.Date.context_today(request.env["res.users"])
        if deadline and not (
            today <= deadline <= fields.Date.add(today, days=MAX_REQUEST_DAYS)
        ):
            return None
        return deadline

    def _send_feedback_requests(self, employee, reviewers, question, deadline, anon):
        """Requests about the user's own employee through the request wizard
        (its checks: at most 20 colleagues, same company, never to oneself, a
        deadline not in the past); the message refusing them, or None."""
        Wizard = self._as_user(request.env["hr.performance.feedback.request.wizard"])
        try:
            with request.env.cr.savepoint():
                Wizard.create(
                    {
                        "employee_id": employee.id,
                        "reviewer_user_ids": [Command.set(reviewers.user_id.ids)],
                        "question": question,
                        "deadline": deadline,
                        "anonymous": anon,
                    }
                ).action_send()
        except UserError as error:
            return str(error)
        return None
