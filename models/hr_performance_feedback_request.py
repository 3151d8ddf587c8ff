from collections import defaultdict

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import is_html_empty

ANSWER_FIELDS = ("answer", "rating_level_id", "decline_reason", "answer_line_ids")


class HrPerformanceFeedbackRequest(models.Model):
    """A request for feedback about an employee, answered by a reviewer.

    The reviewer's activity needs mail.thread, but nothing else of it is used:
    no tracking, no creation message, and never a follower (followers are
    readable by every user in Odoo, so one would name the reviewer). Record
    rules hide anonymous requests from their subject, who sees their answers
    only as an aggregate (``hr.performance.feedback.summary``) once there are
    enough of them.
    """

    _name = "hr.performance.feedback.request"
    _description = "Feedback Request"
    _inherit = [
        "hr.performance.thread",
        "mail.activity.mixin",
        "hr.performance.activity.mixin",
        "hr.performance.guard.mixin",
    ]
    _order = "deadline, id desc"
    _check_company_auto = True
    _system_fields = ("state", "submitted_date", "requester_user_id")
    # The reviewer answers after the request is sent, never at creation.
    _later_fields = ANSWER_FIELDS
    # Who it is about, in which review and how: changing one after an answer
    # would put the answer under another name (or unmask it).
    _fixed_fields = ("employee_id", "review_id", "anonymous", "relation")
    _subject_field = "employee_id"
    _text_limits = {"question": 2000, "decline_reason": 200, "answer": 50000}
    _follower_access_fields = (
        "employee_id",
        "reviewer_user_id",
        "requester_user_id",
        "anonymous",
        "company_id",
    )
    _follower_owner_field = "reviewer_user_id"

    employee_id = fields.Many2one(
        "hr.employee",
        string="About",
        required=True,
        index=True,
        ondelete="restrict",
        check_company=True,
    )
    subject_user_id = fields.Many2one(
        related="employee_id.user_id", store=True, string="Subject User"
    )
    company_id = fields.Many2one(
        related="employee_id.company_id", store=True, index=True
    )
    requester_user_id = fields.Many2one(
        "res.users",
        string="Requested By",
        required=True,
        readonly=True,
        default=lambda self: self.env.user,
    )
    reviewer_user_id = fields.Many2one(
        "res.users", string="Reviewer", required=True, index=True, check_company=True
    )
    question = fields.Text(
        string="Feedback Wanted On", help="What the reviewer is asked about."
    )
    deadline = fields.Date(index=True)
    anonymous = fields.Boolean(
        help="The subject never learns who answered; answers reach them only as an "
        "aggregate once the anonymity threshold is reached."
    )
    answer = fields.Html(sanitize=True, sanitize_attributes=True)
    review_id = fields.Many2one(
        "hr.performance.review",
        index="btree_not_null",
        ondelete="cascade",
        check_company=True,
        help="The review cycle this 360 request feeds: its rating counts in the peer score.",
    )
    rating_scale_id = fields.Many2one(related="review_id.cycle_id.rating_scale_id")
    rating_level_id = fields.Many2one(
        "hr.performance.rating.level",
        string="Overall Rating",
        domain="[('scale_id', '=', rating_scale_id)]",
        help="For a review's 360 request: the reviewer's overall rating on the cycle's scale.",
    )
    relation = fields.Selection(
        [("peer", "Colleague"), ("upward", "Direct Report"), ("other", "Other")],
        string="Reviewer Is",
        default="other",
        required=True,
        help="Upward requests ask the reports of a manager about them; they make "
        "the manager's upward score, the others the peer score.",
    )
    answer_line_ids = fields.One2many(
        "hr.performance.feedback.answer",
        "request_id",
        string="Questions",
        help="The cycle's questions, when its template asks colleagues for a 360 review.",
    )
    decline_reason = fields.Char()
    submitted_date = fields.Date(readonly=True, copy=False)
    state = fields.Selection(
        [
            ("requested", "Requested"),
            ("submitted", "Submitted"),
            ("declined", "Declined"),
            ("expired", "Expired"),
        ],
        default="requested",
        required=True,
        readonly=True,
        copy=False,
        index=True,
    )
    is_reviewer = fields.Boolean(compute="_compute_is_reviewer")

    @api.depends("employee_id")
    def _compute_display_name(self):
        # Not the model's technical name, in breadcrumbs and the phone's title bar.
        for request in self:
            request.display_name = self.env._(
                "Feedback about %(employee)s", employee=request.employee_id.name or ""
            )

    @api.depends_context("uid")
    def _compute_is_reviewer(self):
        for request in self:
            request.is_reviewer = request.reviewer_user_id == self.env.user

    @api.constrains("employee_id", "reviewer_user_id")
    def _check_not_to_self(self):
        for request in self:
            if (
                request.reviewer_user_id
                and request.reviewer_user_id == request.employee_id.user_id
            ):
                raise ValidationError(
                    self.env._(
                        "Ask someone else: a feedback request cannot go to its own subject."
                    )
                )

    @api.constrains("review_id", "employee_id")
    def _check_review_subject(self):
        for request in self:
            # sudo: compares the review's employee with the request's
            if request.review_id and request.review_id.sudo().employee_id != (
                request.employee_id
            ):
                raise ValidationError(
                    self.env._("A review's 360 request is about the reviewed employee.")
                )

    @api.constrains("rating_level_id", "review_id")
    def _check_rating_scale(self):
        for request in self:
            level = request.rating_level_id
            # rating_scale_id is related: read as the reviewer, who may not
            # read the review itself.
            if level and level.scale_id != request.rating_scale_id:
                raise ValidationError(
                    self.env._("Choose a level of the cycle's rating scale.")
                )

    @api.model_create_multi
    def create(self, vals_list):
        vals_list = self._completed_vals(vals_list)
        if not self.env.su:
            self._guard_new_requests(vals_list)
        requests = super(
            HrPerformanceFeedbackRequest,
            self.with_context(
                mail_create_nolog=True,
                mail_create_nosubscribe=True,
                tracking_disable=True,
            ),
        ).create(vals_list)
        requests._create_answer_lines()
        requests.filtered(
            lambda r: r.state == "requested"
        )._schedule_reviewer_activities()
        return requests.with_env(self.env)

    @api.model
    def _guard_new_requests(self, vals_list):
        """Judged on the values the requests will have (context included)."""
        today = fields.Date.context_today(self)
        for vals in vals_list:
            if vals.get("relation") == "upward":
                # Asked of the direct reports by the launch only.
                raise AccessError(
                    self.env._("Upward requests are sent when a cycle is launched.")
                )
            deadline = fields.Date.to_date(vals.get("deadline"))
            if deadline and deadline < today:
                raise ValidationError(
                    self.env._(
                        "The deadline of a feedback request cannot be in the past."
                    )
                )
        # A 360 request feeds a review's peer score: only its manager (or HR) asks.
        reviews = self.env["hr.performance.review"].browse(
            {vals["review_id"] for vals in vals_list if vals.get("review_id")}
        )
        reviews._ensure_leads(
            self.env._("Only the employee's manager asks for 360 feedback on a review.")
        )

    def message_subscribe(self, partner_ids=None, subtype_ids=None):
        # Never any follower: see the class docstring.
        return True

    def _message_subscribe(self, *args, **kwargs):
        # Posting a message subscribes its author through this one.
        return True

    def _subscribe_each(self, partner_of):
        # The batched subscription of the assignees of activities, too.
        return

    def write(self, vals):
        if not self.env.su:
            # Closed requests are history; the answer is the reviewer's only.
            if self.filtered(lambda r: r.state != "requested"):
                raise UserError(self.env._("This feedback request is closed."))
            if set(ANSWER_FIELDS) & set(vals):
                self._ensure_reviewer()
            if set(vals) - set(ANSWER_FIELDS) and not self._is_privileged():
                raise UserError(
                    self.env._("Only the answer of a feedback request can be changed.")
                )
        result = super().write(vals)
        if "reviewer_user_id" in vals:
            # The reminder moves to the new reviewer; the former one, who may
            # no longer read the request, keeps nothing of it.
            self._close_activities()
            self.filtered(
                lambda r: r.state == "requested"
            )._schedule_reviewer_activities()
        return result

    @api.ondelete(at_uninstall=False)
    def _unlink_except_kept(self):
        # An answer, and any anonymous request (its count is part of what the
        # subject reads), stay: removing one would show whose it was.
        if not self.env.su and self.filtered(
            lambda r: r.anonymous or r.state == "submitted"
        ):
            raise UserError(
                self.env._(
                    "Answered and anonymous feedback requests are kept; they cannot be deleted."
                )
            )

    def _ensure_reviewer(self):
        if self.filtered(lambda r: r.reviewer_user_id != self.env.user):
            raise UserError(
                self.env._("This feedback request is addressed to someone else.")
            )

    def _create_answer_lines(self):
        """The cycle's questions, for the upward requests of a review and for
        its 360 requests when the template asks for peer reviews: one batched
        create."""
        vals_list = []
        # sudo: reads the cycle's template; only its question ids are copied
        for request in self.sudo():
            template = request.review_id.cycle_id.template_id
            if not (template.peer_review or request.relation == "upward"):
                continue
            questions = template.section_ids.filtered(
                lambda s: s.kind in ("competencies", "questions")
            ).question_ids
            vals_list += [
                {
                    "request_id": request.id,
                    "question_id": question.id,
                    "sequence": question.section_id.sequence * 1000 + question.sequence,
                }
                for question in questions
            ]
        # sudo: answer lines of the requests just created (users cannot create them)
        self.env["hr.performance.feedback.answer"].sudo().create(vals_list)

    def _rating_value(self):
        """The reviewer's rating on the cycle's scale: the mean of their
        answers to the cycle's questions, else their overall rating."""
        self.ensure_one()
        values = self.answer_line_ids._rating_values()
        if values:
            return sum(values) / len(values)
        return self.rating_level_id.value if self.rating_level_id else None

    def _per_reviewer(self):
        """One rating value per person (the mean of their requests' values):
        the anonymity threshold counts people, not requests, so one colleague
        asked twice is still one colleague."""
        values = defaultdict(list)
        for request in self:
            value = request._rating_value()
            if value is not None:
                values[request.reviewer_user_id.id].append(value)
        return [sum(given) / len(given) for given in values.values()]

    def _schedule_reviewer_activities(self):
        for deadline, requests in self.grouped(
            lambda r: r.deadline or fields.Date.context_today(self)
        ).items():
            requests._schedule_activity_once(
                "hr_performance.mail_activity_type_feedback_request",
                deadline,
                lambda request: request.reviewer_user_id,
                lambda request: self.env._(
                    "Give feedback about %(employee)s",
                    employee=request.employee_id.name,
                ),
                notify=True,
            )

    def _close_activities(self, answered=False):
        """Close the requests' activities. Once ``answered``, the reviewer's
        activity of a named request is marked done (its chatter keeps who
        answered and when); every other one is removed: declined, expired or
        re-assigned requests, and anonymous ones, whose chatter stays empty
        (a message there would stand next to the request, in its reviewer's
        name, for whoever reads it)."""
        # sudo: the requests' activities, whoever they are assigned to
        activities = (
            self.env["mail.activity"]
            .sudo()
            .search([("res_model", "=", self._name), ("res_id", "in", self.ids)])
        )
        done = self.env["mail.activity"]
        if answered:
            named = set(self.filtered(lambda r: not r.anonymous).ids)
            reviewer_type = self.env.ref(
                "hr_performance.mail_activity_type_feedback_request"
            )
            done = activities.filtered(
                lambda a: a.res_id in named and a.activity_type_id == reviewer_type
            )
        if activities - done:
            (activities - done).unlink()
        if done:
            done.action_feedback()

    def action_submit(self):
        self._ensure_reviewer()
        for request in self:
            if request.state != "requested":
                raise UserError(self.env._("This feedback request is no longer open."))
            if request.answer_line_ids:
                request.answer_line_ids._ensure_answered()
            elif is_html_empty(request.answer):
                raise UserError(self.env._("Write your feedback before submitting it."))
        # sudo: state is readonly; the reviewer and the open state were checked above
        self.sudo().write(
            {"state": "submitted", "submitted_date": fields.Date.context_today(self)}
        )
        self._close_activities(answered=True)
        # Review scores are recomputed when the employee and the manager
        # submit, never here: a write by the reviewer would stamp the review
        # with their name (write_uid), and a score moving after each answer
        # would give that answer away.
        return True

    def action_decline(self):
        self._ensure_reviewer()
        if self.filtered(lambda r: r.state != "requested"):
            raise UserError(self.env._("This feedback request is no longer open."))
        # sudo: state is readonly; the reviewer and the open state were checked above
        self.sudo().write({"state": "declined"})
        self._close_activities()
        return True

    @api.model
    def _cron_expire(self):
        expired = self.search(
            [
                ("state", "=", "requested"),
                ("deadline", "<", fields.Date.context_today(self)),
            ]
        )
        expired.write({"state": "expired"})
        expired._close_activities()

    # ------------------------------------------------------------------ builders

    @api.model
    def _create_for_nominations(self, nominations):
        """One anonymous request per approved colleague of ``nominations``,
        batched; a colleague the employee and the manager both chose is asked
        once."""
        if not nominations:
            return self.browse()
        # sudo: which colleagues are already asked in these reviews (never shown)
        asked = {
            (request.review_id.id, request.reviewer_user_id.id)
            for request in self.sudo().search(
                [
                    ("review_id", "in", nominations.review_id.ids),
                    ("relation", "=", "peer"),
                ]
            )
        }
        vals_list = []
        # sudo: the approved colleagues' users, for the requests built below
        for nomination in nominations.sudo():
            key = (nomination.review_id.id, nomination.reviewer_id.user_id.id)
            if key not in asked:
                asked.add(key)
                vals_list.append(
                    self._review_request_vals(
                        nomination.review_id, nomination.reviewer_id.user_id, "peer"
                    )
                )
        # sudo: anonymous requests on the manager's behalf, for approved nominations
        return self.sudo().create(vals_list)

    @api.model
    def _create_upward_for(self, reviews):
        """Upward review: each direct report (with a user) of the employees
        of ``reviews`` is asked, anonymously, about their manager. Batched."""
        # sudo: the reviewed managers' direct reports, at launch (HR or the cron)
        reports = (
            self.env["hr.employee"]
            .sudo()
            .search(
                [("parent_id", "in", reviews.employee_id.ids), ("user_id", "!=", False)]
            )
        )
        by_manager = reports.grouped("parent_id")
        # sudo: anonymous upward requests on the manager of record's behalf, at launch
        return self.sudo().create(
            [
                self._review_request_vals(review, report.user_id, "upward")
                for review in reviews
                for report in by_manager.get(review.employee_id, [])
                if report.user_id != review.employee_id.user_id
                # a report whose user cannot enter the review's company could never answer
                and review.company_id in report.user_id.company_ids
            ]
        )

    @api.model
    def _review_request_vals(self, review, reviewer_user, relation):
        """An anonymous 360 request of ``review``, asked on behalf of its
        manager of record: by a colleague (``peer``) or a report (``upward``)."""
        cycle = review.cycle_id
        question = (
            self.env._(
                "How has %(manager)s supported you as your manager during %(cycle)s?",
                manager=review.employee_id.name,
                cycle=cycle.name,
            )
            if relation == "upward"
            else self.env._(
                "How has %(employee)s worked with you during %(cycle)s?",
                employee=review.employee_id.name,
                cycle=cycle.name,
            )
        )
        return {
            "employee_id": review.employee_id.id,
            "review_id": review.id,
            "reviewer_user_id": reviewer_user.id,
            "requester_user_id": review.manager_user_id.id or self.env.uid,
            "relation": relation,
            "anonymous": True,
            "deadline": self._review_deadline(review),
            "question": question,
        }

    @api.model
    def _review_deadline(self, review):
        """The cycle's 360 deadline (else the manager review's), if still ahead."""
        deadline = (
            review.cycle_id.peer_feedback_deadline
            or review.cycle_id.manager_review_deadline
        )
        return (
            deadline
            if deadline and deadline >= fields.Date.context_today(self)
            else False
        )

    @api.model
    def _portal_domain(self):
        """The requests the portal shows the current user: those they are
        asked to answer, the reviewer's part of the
        ``feedback_request_rule_user_read`` record rule."""
        return [("reviewer_user_id", "=", self.env.uid)]
