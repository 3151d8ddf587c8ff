from markupsafe import Markup

from odoo import api, fields, models
from odoo.tools import is_html_empty

from ..lib.anonymity import visible_answers


class HrPerformanceFeedbackSummary(models.TransientModel):
    """What an employee may see of the anonymous feedback about them: the
    answers themselves (no names, no dates, no count) once the company's
    anonymity threshold is reached, nothing before. Always about the current
    user: no field of it can point at someone else."""

    _name = "hr.performance.feedback.summary"
    _description = "Anonymous Feedback About Me"

    employee_id = fields.Many2one("hr.employee", compute="_compute_summary")
    enough = fields.Boolean(compute="_compute_summary")
    answer_count = fields.Integer(
        compute="_compute_summary", help="Shown from the threshold on."
    )
    threshold = fields.Integer(compute="_compute_summary")
    answers = fields.Html(compute="_compute_summary", sanitize=False)

    def _compute_display_name(self):
        # The page title: never "hr.performance.feedback.summary,1".
        for summary in self:
            summary.display_name = self.env._("Anonymous Feedback About Me")

    @api.depends_context("uid")
    def _compute_summary(self):
        employee = self.env.user.employee_id
        # sudo: only the user's own anonymous answers, shown from the k threshold on
        requests = (
            self.env["hr.performance.feedback.request"]
            .sudo()
            .search(
                [
                    ("employee_id", "=", employee.id),
                    ("anonymous", "=", True),
                    ("state", "=", "submitted"),
                ],
                order="id",
            )
            if employee
            else self.env["hr.performance.feedback.request"]
        )
        threshold = employee.company_id.performance_anonymity_threshold or 3
        groups = self._visible_groups(requests, threshold)
        for summary in self:
            summary.employee_id = employee
            summary.threshold = threshold
            summary.enough = bool(groups)
            # A count below the threshold would tell when each person answered.
            summary.answer_count = sum(len(shown) for _title, shown in groups)
            summary.answers = Markup("").join(
                Markup('<h5 class="mt-3">%s</h5>') % title
                + Markup("").join(
                    Markup(
                        '<blockquote class="border-start border-3 ps-3 my-3">%s</blockquote>'
                    )
                    % Markup(answer)
                    for answer in shown
                )
                for title, shown in groups
            )

    @api.model
    def _visible_groups(self, requests, threshold):
        """The answers by kind the subject can tell apart (a review's
        colleagues, its direct reports, requests outside a review): each kind
        is shown only from ``threshold`` answers of its own, so that a kind
        with a single answer is never revealed by the others."""
        relations = dict(requests._fields["relation"]._description_selection(self.env))
        groups = []
        for (review, relation, own), kind in requests.grouped(
            lambda r: (r.review_id, r.relation, r.requester_user_id == self.env.user)
        ).items():
            # k counts people: one colleague asked twice is one colleague.
            if len(kind.reviewer_user_id) < threshold:
                continue
            shown = visible_answers([self._answer_text(r) for r in kind], threshold)
            if shown:
                title = (
                    self.env._(
                        "%(kind)s, %(cycle)s",
                        kind=relations[relation],
                        cycle=review.cycle_id.name,
                    )
                    if review
                    else self.env._("Feedback you asked for")
                    if own
                    else self.env._("Feedback others asked for")
                )
                groups.append((title, shown))
        return groups

    @api.model
    def _answer_text(self, request):
        """One request's answer as HTML: its comments on the cycle's questions
        (each under the question, escaped) and its free answer."""
        parts = [
            Markup("<p><strong>%s</strong></p>%s") % (line.name, Markup(line.comment))
            for line in request.answer_line_ids
            if not is_html_empty(line.comment)
        ]
        if not is_html_empty(request.answer):
            parts.append(Markup(request.answer))
        return str(Markup("").join(parts))

    @api.model
    def action_open_mine(self):
        summary = self.create({})
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Anonymous Feedback About Me"),
            "res_model": self._name,
            "res_id": summary.id,
            "view_mode": "form",
            "target": "current",
        }
