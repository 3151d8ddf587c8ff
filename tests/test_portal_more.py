import re
from unittest.mock import patch

from odoo import Command, fields
from odoo.tests import tagged

from ..controllers import portal_reviews
from .test_portal import PortalCase

# Ids a form may carry that name no colleague of the list: junk, not finite,
# beyond PostgreSQL's integers, empty.
BAD_IDS = ("abc", "NaN", "inf", "-1", "0", "99999999999", "", "1e3")


class PortalMoreCase(PortalCase):
    """A 360 cycle with deadlines, development plans and shared goals for
    Eva (internal user) and Paula (portal user), on top of ``PortalCase``."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        today = fields.Date.context_today(cls.env["res.users"])
        cls.in_ten_days = fields.Date.add(today, days=10)
        template = cls.env.ref("hr_performance.review_template_default").copy(
            {"name": "360 review", "peer_review": True}
        )
        cls.review_360_eva, cls.review_360_paula = cls._review(
            employees=cls.emp_employee | cls.emp_portal,
            name="Spring 360 review",
            template_id=template.id,
            self_review_deadline=cls.in_ten_days,
        )
        Plan = cls.env["hr.performance.development.plan"]
        cls.plan_eva, cls.plan_paula = Plan.create(
            [
                {
                    "name": f"Grow {employee.name}",
                    "employee_id": employee.id,
                    "item_ids": [
                        Command.create(
                            {
                                "name": f"Public speaking course for {employee.name}",
                                "date_deadline": cls.in_ten_days,
                            }
                        )
                    ],
                }
                for employee in (cls.emp_employee, cls.emp_portal)
            ]
        )
        (cls.plan_eva | cls.plan_paula).action_activate()
        cls.item_eva = cls.plan_eva.item_ids
        cls.item_paula = cls.plan_paula.item_ids
        other_department = cls.env["hr.department"].create({"name": "Finance"})
        cls.goal_company = cls._goal(
            name="Reach 10,000 customers", scope="company", employee_id=False
        )
        cls.goal_department = cls._goal(
            name="Halve the bug backlog",
            scope="department",
            employee_id=False,
            department_id=cls.department.id,
        )
        cls.goal_other_department = cls._goal(
            name="Close the books in three days",
            scope="department",
            employee_id=False,
            department_id=other_department.id,
        )
        cls.goal_peer = cls._goal(name="Pablo's own goal", employee_id=cls.emp_peer.id)
        (
            cls.goal_company
            | cls.goal_department
            | cls.goal_other_department
            | cls.goal_peer
        ).action_activate()

    def _more_urls(self):
        """The new GET pages of Eva, with a text each shows her."""
        return {
            "/my/performance/reviews": "Spring 360 review",
            f"/my/performance/reviews/{self.review_360_eva.id}/nominate": "Propose",
            "/my/performance/kudos": "Send kudos",
            "/my/performance/feedback/request": "Send requests",
            "/my/performance/plan": "Public speaking course for Eva Employee",
            "/my/performance/shared-goals": "Reach 10,000 customers",
        }

    def _post(self, url, **data):
        """Posts ``data`` to ``url`` with a valid CSRF token of the session;
        the response after redirects."""
        data["csrf_token"] = self._token("/my/performance/kudos")
        return self.url_open(url, data=data)


@tagged("post_install", "-at_install")
class TestPortalMore(PortalMoreCase):
    def test_every_new_page_for_the_owner(self):
        self._login(self.user_employee)
        overview = self.url_open("/my/performance").text
        for url, text in self._more_urls().items():
            with self.subTest(url=url):
                if "/nominate" not in url:
                    self.assertIn(f'href="{url}"', overview, "linked from the overview")
                page = self.url_open(url)
                self.assertEqual(page.status_code, 200)
                self.assertIn(text, page.text)
        # Deadlines on the review cards, with the days left.
        self.assertIn("10 days left", overview)
        self.assertIn("10 days left", self.url_open("/my/performance/reviews").text)
        self.assertIn(
            "/nominate",
            self.url_open(f"/my/performance/reviews/{self.review_360_eva.id}").text,
        )

    def test_reviews_list_is_paginated(self):
        self._login(self.user_employee)
        with patch.object(portal_reviews, "REVIEWS_PER_PAGE", 1):
            first = self.url_open("/my/performance/reviews").text
            second = self.url_open("/my/performance/reviews/page/2").text
        self.assertIn("Spring 360 review", first)
        self.assertNotIn(self.cycle.name, first)
        self.assertIn(self.cycle.name, second)
        self.assertIn("/my/performance/reviews/page/2", first, "the pager")
        for page in ("0", "abc", "2147483648"):
            with self.subTest(page=page):
                response = self.url_open(f"/my/performance/reviews/page/{page}")
                self.assertEqual(response.status_code, 404)
        # Junk in the query string falls back to the first page, never a 500.
        for url in ("/my/performance/reviews", "/my/performance/shared-goals"):
            for page in ("abc", "NaN", "9" * 30, "-1"):
                with self.subTest(url=url, page=page):
                    response = self.url_open(f"{url}?page={page}")
                    self.assertEqual(response.status_code, 200)
        # An id PostgreSQL cannot hold is no review: 404, not 500.
        for review_id in ("2147483648", "9" * 30):
            url = f"/my/performance/reviews/{review_id}/nominate"
            self.assertEqual(self.url_open(url).status_code, 404)
        token = self._token("/my/performance/kudos")
        for item_id in ("2147483648", "0"):
            url = f"/my/performance/plan/actions/{item_id}"
            response = self.url_open(url, data={"csrf_token": token, "state": "done"})
            self.assertEqual(response.status_code, 404)

    def test_shared_goals_are_the_company_and_my_department(self):
        self._login(self.user_employee)
        page = self.url_open("/my/performance/shared-goals").text
        self.assertIn(self.goal_company.name, page)
        self.assertIn(self.goal_department.name, page)
        for hidden in (self.goal_other_department, self.goal_peer, self.goal):
            self.assertNotIn(hidden.name, page)
        self.assertNotIn("/update", page, "read-only")
        self.assertEqual(
            self.url_open("/my/performance/shared-goals/page/0").status_code, 404
        )

    def test_foreign_and_missing_ids_answer_the_same_404(self):
        self._login(self.user_peer)
        token = self._token("/my/performance/kudos")
        review = f"/my/performance/reviews/{self.review_360_eva.id}/nominate"
        item = f"/my/performance/plan/actions/{self.item_eva.id}"
        for url, data in (
            (review, {"reviewer_id": str(self.emp_peer.id)}),
            (item, {"state": "done"}),
        ):
            with self.subTest(url=url):
                missing = re.sub(r"/\d+(/nominate)?$", r"/987654\1", url)
                foreign = self.url_open(url, data={"csrf_token": token, **data})
                missing = self.url_open(missing, data={"csrf_token": token, **data})
                self.assertEqual((foreign.status_code, missing.status_code), (404, 404))
                self.assertNotIn("Spring 360 review", foreign.text)
                self.assertNotIn("Public speaking", foreign.text)
        foreign = self.url_open(review)
        missing = self.url_open(re.sub(r"/\d+/", "/987654/", review))
        self.assertEqual((foreign.status_code, missing.status_code), (404, 404))
        self.assertNotIn("Spring 360 review", foreign.text)
        self.assertFalse(self.review_360_eva.nomination_ids, "nothing proposed")
        self.assertEqual(self.item_eva.state, "todo", "nothing changed")
        # Nor through the lists.
        for url in ("/my/performance/reviews", "/my/performance/plan"):
            page = self.url_open(url).text
            self.assertNotIn("Spring 360 review", page)
            self.assertNotIn("Public speaking course for Eva", page)

    def test_posts_need_csrf(self):
        self._login(self.user_employee)
        Feedback = self.env["hr.performance.feedback"]
        Request = self.env["hr.performance.feedback.request"]
        feedback, requests = Feedback.search_count([]), Request.search_count([])
        for url, data in (
            (
                f"/my/performance/reviews/{self.review_360_eva.id}/nominate",
                {"reviewer_id": str(self.emp_peer.id)},
            ),
            (
                "/my/performance/kudos",
                {
                    "employee_id": str(self.emp_peer.id),
                    "body": "Thanks",
                    "visibility": "public",
                },
            ),
            (
                "/my/performance/feedback/request",
                {"reviewer_ids": str(self.emp_peer.id), "question": "How?"},
            ),
            (f"/my/performance/plan/actions/{self.item_eva.id}", {"state": "done"}),
        ):
            with self.subTest(url=url):
                self.assertEqual(self.url_open(url, data=data).status_code, 400)
                bad = self.url_open(url, data={"csrf_token": "forged", **data})
                self.assertEqual(bad.status_code, 400)
        self.assertFalse(self.review_360_eva.nomination_ids)
        self.assertEqual(Feedback.search_count([]), feedback)
        self.assertEqual(Request.search_count([]), requests)
        self.assertEqual(self.item_eva.state, "todo")
        self.assertEqual(
            self.url_open(
                f"/my/performance/plan/actions/{self.item_eva.id}"
            ).status_code,
            405,
            "no mutating GET",
        )

    def test_portal_user_does_the_whole_flow(self):
        """Paula has no backend licence: she reads her reviews, proposes a 360
        reviewer, gives kudos, asks for feedback and moves her own action."""
        self._login(self.user_portal)
        reviews = self.url_open("/my/performance/reviews").text
        self.assertIn("Spring 360 review", reviews)
        self.assertIn("10 days left", reviews)
        # 360: her pick waits for the manager's approval, no request yet.
        url = f"/my/performance/reviews/{self.review_360_paula.id}/nominate"
        page = self._post(url, reviewer_id=str(self.emp_peer.id))
        self.assertIn("Colleague proposed", page.text)
        nomination = self.review_360_paula.nomination_ids
        self.assertEqual(
            (nomination.reviewer_id, nomination.state, nomination.proposed_by_user_id),
            (self.emp_peer, "proposed", self.user_portal),
        )
        self.assertIn("Pablo Peer", page.text)
        self.assertFalse(
            self.review_360_paula.feedback_request_ids, "approval comes first"
        )
        nomination.with_user(self.user_manager).action_approve()
        self.assertEqual(
            self.review_360_paula.feedback_request_ids.reviewer_user_id, self.user_peer
        )
        # Kudos to Eva, signed by Paula.
        page = self._post(
            "/my/performance/kudos",
            employee_id=str(self.emp_employee.id),
            body="Thanks for the <b>demo</b>",
            visibility="public",
        )
        self.assertIn("your kudos were sent", page.text)
        kudos = self.env["hr.performance.feedback"].search(
            [("author_user_id", "=", self.user_portal.id)]
        )
        self.assertEqual(
            (kudos.employee_id, kudos.kind, kudos.visibility),
            (self.emp_employee, "praise", "public"),
        )
        self.assertIn("&lt;b&gt;demo", kudos.body)
        # Feedback about herself from two colleagues.
        deadline = fields.Date.to_string(self.in_ten_days)
        page = self._post(
            "/my/performance/feedback/request",
            reviewer_ids=[str(self.emp_employee.id), str(self.emp_peer.id)],
            question="How were my answers to customers?",
            deadline=deadline,
            anonymous="1",
        )
        self.assertIn("requests were sent", page.text)
        requests = self.env["hr.performance.feedback.request"].search(
            [("employee_id", "=", self.emp_portal.id), ("review_id", "=", False)]
        )
        self.assertEqual(requests.reviewer_user_id, self.user_employee | self.user_peer)
        self.assertEqual(set(requests.mapped("requester_user_id")), {self.user_portal})
        self.assertTrue(all(requests.mapped("anonymous")))
        self.assertEqual(set(requests.mapped("deadline")), {self.in_ten_days})
        # Her own action moves; the plan's progress follows.
        page = self._post(
            f"/my/performance/plan/actions/{self.item_paula.id}", state="done"
        )
        self.assertIn("Status updated", page.text)
        self.assertEqual(self.item_paula.state, "done")
        self.assertEqual(self.plan_paula.progress, 100)
        # The shared goals: the company's (she has no department).
        shared = self.url_open("/my/performance/shared-goals").text
        self.assertIn(self.goal_company.name, shared)
        self.assertNotIn(self.goal_department.name, shared)

    def test_nominations_refused_with_a_message(self):
        self._login(self.user_employee)
        url = f"/my/performance/reviews/{self.review_360_eva.id}/nominate"
        for value in (*BAD_IDS, str(self.emp_employee.id)):
            with self.subTest(reviewer=value):
                self.assertRefused(
                    self._post(url, reviewer_id=value), "Choose a colleague"
                )
        # The manager writes the manager review (the model's own check).
        self.assertRefused(
            self._post(url, reviewer_id=str(self.emp_manager.id)), "manager"
        )
        self.assertFalse(self.review_360_eva.nomination_ids, "nothing proposed")
        self._post(url, reviewer_id=str(self.emp_peer.id))
        self.assertRefused(
            self._post(url, reviewer_id=str(self.emp_peer.id)), "already proposed"
        )
        self.assertEqual(len(self.review_360_eva.nomination_ids), 1)
        # A cycle without peer reviews takes no reviewers: no form, a refusal.
        url = f"/my/performance/reviews/{self.review_eva.id}/nominate"
        self.assertNotIn('name="reviewer_id"', self.url_open(url).text)
        response = self._post(url, reviewer_id=str(self.emp_peer.id))
        self.assertRefused(response, "360 reviewers are chosen")
        self.assertFalse(self.review_eva.nomination_ids)

    def test_kudos_refused_with_a_message(self):
        self._login(self.user_employee)
        Feedback = self.env["hr.performance.feedback"]
        before = Feedback.search_count([])
        url = "/my/performance/kudos"
        good = {
            "employee_id": str(self.emp_peer.id),
            "body": "Great pairing",
            "visibility": "public",
        }
        for field, value, message in (
            *(("employee_id", bad, "Choose a colleague") for bad in BAD_IDS),
            ("employee_id", str(self.emp_employee.id), "Choose a colleague"),
            ("body", "  ", "Say what you appreciate"),
            ("body", "k" * 5001, "at most 5000"),
            ("body", "k" * 1_000_000, "at most 5000"),
            ("visibility", "manager", "Choose who may read"),
            ("visibility", "NaN", "Choose who may read"),
        ):
            with self.subTest(field=field, value=value[:20]):
                response = self._post(url, **{**good, field: value})
                self.assertRefused(response, message)
        self.assertEqual(Feedback.search_count([]), before, "nothing written")
        self.assertIn('maxlength="5000"', self.url_open(url).text)
        self._post(url, **{**good, "body": "k" * 5000})
        self.assertEqual(Feedback.search_count([]), before + 1)

    def test_feedback_requests_refused_with_a_message(self):
        self._login(self.user_employee)
        Request = self.env["hr.performance.feedback.request"]
        before = Request.search_count([])
        url = "/my/performance/feedback/request"
        today = fields.Date.context_today(self.env["res.users"])
        good = {
            "reviewer_ids": [str(self.emp_peer.id)],
            "question": "How did the launch go?",
            "deadline": fields.Date.to_string(self.in_ten_days),
        }
        for field, value, message in (
            ("reviewer_ids", [], "at least one"),
            *(("reviewer_ids", [bad], "from the list") for bad in BAD_IDS if bad),
            ("reviewer_ids", [str(self.emp_employee.id)], "from the list"),
            # Paula has no backend user: she answers no request from here.
            ("reviewer_ids", [str(self.emp_portal.id)], "from the list"),
            ("question", " ", "Say what you would like"),
            ("question", "q" * 2001, "at most 2000"),
            (
                "deadline",
                fields.Date.to_string(fields.Date.add(today, days=-1)),
                "deadline",
            ),
            ("deadline", "NaN", "deadline"),
            ("deadline", "2026-02-30", "deadline"),
            ("deadline", "9999-12-31", "deadline"),
        ):
            with self.subTest(field=field, value=str(value)[:20]):
                response = self._post(url, **{**good, field: value})
                self.assertRefused(response, message)
        self.assertEqual(Request.search_count([]), before, "nothing written")
        self._post(url, **good)
        self.assertEqual(Request.search_count([]), before + 1)

    def test_plan_actions_refused_with_a_message(self):
        self._login(self.user_employee)
        url = f"/my/performance/plan/actions/{self.item_eva.id}"
        for state in ("cancelled", "NaN", "", "x" * 10000):
            with self.subTest(state=state[:20]):
                self.assertRefused(self._post(url, state=state), "Choose a status")
        self.assertEqual(self.item_eva.state, "todo")
        self._post(url, state="in_progress")
        self.assertEqual(self.item_eva.state, "in_progress")
        self.plan_eva.sudo().action_done()
        self.assertRefused(self._post(url, state="done"), "closed")
        self.assertEqual(self.item_eva.state, "in_progress")


@tagged("post_install", "-at_install")
class TestPortalMoreMobileTour(PortalMoreCase):
    browser_size = "390x844"
    touch_enabled = True

    def test_kudos_and_plan_on_a_phone(self):
        self.start_tour(
            "/my/performance", "hr_performance_portal_more_mobile", login="perf_portal"
        )
        kudos = self.env["hr.performance.feedback"].search(
            [("author_user_id", "=", self.user_portal.id)]
        )
        self.assertEqual(kudos.employee_id, self.emp_employee)
        self.assertIn("on-call shift", kudos.body)
        self.assertEqual(self.item_paula.state, "in_progress")
