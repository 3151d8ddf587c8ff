from werkzeug.exceptions import NotFound

from odoo import http
from odoo.addons.portal.controllers.portal import pager as portal_pager
from odoo.exceptions import UserError
from odoo.http import request

from ..lib import inputs
from .portal_colleagues import ColleaguePortal
from .readonly import read_only_unless_just_written

REVIEWS_PER_PAGE = 20


class ReviewListPortal(ColleaguePortal):
    """My reviews, all of them (paginated), and my 360 reviewers."""

    @http.route(
        ["/my/performance/reviews", "/my/performance/reviews/page/<int:page>"],
        type="http",
        auth="user",
        methods=["GET"],
        readonly=read_only_unless_just_written,
        website=True,
    )
    def portal_my_reviews(self, page=1, **kwargs):
        if isinstance(page, int) and not inputs.positive_id(page):
            raise NotFound()
        employee = self._employee()
        # sudo: searched only with the user's own employee in the domain
        Review = request.env["hr.performance.review"].sudo()
        domain = [("employee_id", "=", employee.id), ("state", "!=", "cancelled")]
        count = Review.search_count(domain) if employee else 0
        pager = portal_pager(
            url="/my/performance/reviews",
            total=count,
            page=page,
            step=REVIEWS_PER_PAGE,
        )
        reviews = (
            Review.search(
                domain,
                order="id desc",
                limit=REVIEWS_PER_PAGE,
                offset=pager["offset"],
            )
            if employee
            else Review
        )
        return self._render(
            "hr_performance.portal_my_reviews",
            {"page_name": "performance_reviews", "reviews": reviews, "pager": pager},
        )

    # ------------------------------------------------------------------ 360 reviewers

    def _nominate_page(self, review, error_text=None, message=None):
        uid = request.env.uid
        return self._render(
            "hr_performance.portal_my_review_nominate",
            {
                "page_name": "performance_nominate",
                "review": review,
                # Only the user's own proposals: the manager's picks stay theirs.
                "nominations": review.nomination_ids.filtered(
                    lambda n: n.proposed_by_user_id.id == uid
                ),
                "colleagues": self._colleagues(review.employee_id, with_user=True),
                "nominations_open": self._nominations_open(review),
                "error_text": error_text,
                "message": message,
            },
        )

    @staticmethod
    def _nominations_open(review):
        try:
            review._ensure_nominations_open()
        except UserError:
            return False
        return True

    @http.route(
        "/my/performance/reviews/<int:review_id>/nominate",
        type="http",
        auth="user",
        methods=["GET"],
        readonly=read_only_unless_just_written,
        website=True,
    )
    def portal_my_review_reviewers(self, review_id, **kwargs):
        review = self._mine("hr.performance.review", review_id)
        # The message is picked from a fixed list, never shown from the URL.
        message = "proposed" if kwargs.get("message") == "proposed" else None
        return self._nominate_page(review, message=message)

    @http.route(
        "/my/performance/reviews/<int:review_id>/nominate",
        type="http",
        auth="user",
        methods=["POST"],
        website=True,
    )
    def portal_my_review_nominate(self, review_id, reviewer_id=None, **kwargs):
        review = self._mine("hr.performance.review", review_id)
        colleague = self._picked(
            self._colleagues(review.employee_id, with_user=True), reviewer_id
        )
        mine = review.nomination_ids.filtered(
            lambda n: n.proposed_by_user_id.id == request.env.uid
        )
        if not colleague:
            error = request.env._("Choose a colleague from the list.")
        elif colleague in mine.reviewer_id:
            error = request.env._(
                "You already proposed %(colleague)s.", colleague=colleague.name
            )
        else:
            error = self._create_nomination(review, colleague)
        if error:
            return self._nominate_page(review, error_text=error)
        return request.redirect(
            f"/my/performance/reviews/{review.id}/nominate?message=proposed"
        )

    def _create_nomination(self, review, colleague):
        """Proposes ``colleague`` for the user's own review (``_mine``); the
        message refusing it, or None. The nomination model decides: the
        cycle must take reviewers, and the employee's picks wait for the
        manager's approval (see its ``create``)."""
        Nomination = self._as_user(request.env["hr.performance.review.nomination"])
        try:
            with request.env.cr.savepoint():
                Nomination.create({"review_id": review.id, "reviewer_id": colleague.id})
        except UserError as error:
            return str(error)
        return None
