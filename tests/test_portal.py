import re
from unittest.mock import patch

from odoo.tests import HttpCase, tagged
from odoo.tools.translate import code_translations

from ..lib.inputs import TEXT_LIMITS
from .common import HrPerformanceCase

XSS = '<img src="x" onerror="alert(document.cookie)">'
# Not a finite number, or not a number as a form posts one.
NOT_NUMBERS = ("nan", "NaN", "inf", "-inf", "1e309", "-1e309", "abc", "", " ", "1_0")


class PortalCase(HttpCase, HrPerformanceCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._add_portal_employee()
        cls.goal = cls._goal(
            name="Cut onboarding to five days",
            progress_mode="manual",
            date_start="2026-01-01",
            date_deadline="2026-12-31",
        )
        cls.goal_paula = cls._goal(
            name="Answer every ticket within a day",
            employee_id=cls.emp_portal.id,
            progress_mode="manual",
        )
        cls.checkin = cls.env["hr.performance.checkin"].create(
            {"employee_id": cls.emp_employee.id}
        )
        cls.review_eva, cls.review_paula = cls._review(
            employees=cls.emp_employee | cls.emp_portal
        )
        cls.cycle = cls.review_eva.cycle_id
        cls.request_to_eva = cls.env["hr.performance.feedback.request"].create(
            {
                "employee_id": cls.emp_peer.id,
                "reviewer_user_id": cls.user_employee.id,
                "question": "How was the migration?",
                "anonymous": True,
            }
        )

    def _login(self, user):
        self.authenticate(user.login, user.login)

    def _token(self, url):
        page = self.url_open(url)
        self.assertEqual(page.status_code, 200, url)
        return re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)

    def _submit(self, page_url, action, **data):
        """Posts ``data`` to ``page_url + action`` with the page's CSRF token;
        the response after redirects."""
        data["csrf_token"] = self._token(page_url)
        return self.url_open(page_url + action, data=data)

    def assertRefused(self, response, message):
        """The form came back with ``message`` in its error alert."""
        self.assertEqual(response.status_code, 200)
        alert = re.search(r'class="alert alert-danger"[^>]*>([^<]*)<', response.text)
        self.assertTrue(alert, "an error alert on the page")
        self.assertIn(message, alert[1])

    def _urls(self):
        return {
            "goal": f"/my/performance/goals/{self.goal.id}",
            "checkin": f"/my/performance/checkins/{self.checkin.id}",
            "review": f"/my/performance/reviews/{self.review_eva.id}",
            "request": f"/my/performance/requests/{self.request_to_eva.id}",
        }


@tagged("post_install", "-at_install")
class TestPortal(PortalCase):
    def test_every_route_for_the_owner(self):
        self._login(self.user_employee)
        home = self.url_open("/my")
        self.assertIn("/my/performance", home.text)
        overview = self.url_open("/my/performance")
        self.assertEqual(overview.status_code, 200)
        for text in (
            self.goal.name,
            "Upcoming check-ins",
            "Pablo Peer",
            self.cycle.name,
        ):
            self.assertIn(text, overview.text)
        self.assertEqual(self.url_open("/my/performance/goals").status_code, 200)
        for name, url in self._urls().items():
            with self.subTest(route=name):
                self.assertEqual(self.url_open(url).status_code, 200)

    def test_foreign_and_missing_ids_answer_the_same_404(self):
        self._login(self.user_peer)
        for name, url in self._urls().items():
            with self.subTest(route=name):
                foreign = self.url_open(url)
                missing = self.url_open(re.sub(r"/\d+$", "/987654", url))
                self.assertEqual((foreign.status_code, missing.status_code), (404, 404))
                for secret in (
                    self.goal.name,
                    "How was the migration?",
                    self.cycle.name,
                ):
                    self.assertNotIn(secret, foreign.text)
        # Nor through the lists.
        self.assertNotIn(self.goal.name, self.url_open("/my/performance/goals").text)

    def test_portal_domains_hold_the_users_own_records(self):
        """Each model's ``_portal_domain()`` is what the portal shows: the
        user's own goals, check-ins and reviews, the requests they answer,
        and the feedback about them that is not manager-only."""
        Feedback = self.env["hr.performance.feedback"]
        kudos = {
            visibility: Feedback.with_user(self.user_peer).create(
                {
                    "employee_id": self.emp_employee.id,
                    "kind": "praise",
                    "visibility": visibility,
                    "body": f"<p>Kudos, {visibility}</p>",
                }
            )
            for visibility in ("public", "private", "manager")
        }
        expected = {
            "hr.performance.goal": self.goal,
            "hr.performance.checkin": self.checkin,
            "hr.performance.review": self.review_eva,
            "hr.performance.feedback.request": self.request_to_eva,
            "hr.performance.feedback": kudos["public"] | kudos["private"],
        }
        for model, records in expected.items():
            with self.subTest(model=model):
                # sudo: what the portal reads, within the domain only
                Model = self.env[model].with_user(self.user_employee).sudo()
                self.assertEqual(Model.search(Model._portal_domain()), records)
        self._login(self.user_employee)
        page = self.url_open("/my/performance").text
        self.assertIn("Kudos, public", page)
        self.assertIn("Kudos, private", page)
        self.assertNotIn("Kudos, manager", page)

    def test_anonymous_visitors_go_to_login(self):
        for url in ["/my/performance", "/my/performance/goals", *self._urls().values()]:
            with self.subTest(url=url):
                response = self.url_open(url, allow_redirects=False)
                self.assertIn(response.status_code, (302, 303))
                self.assertIn("/web/login", response.headers["Location"])

    def test_posts_need_csrf_and_gets_change_nothing(self):
        self._login(self.user_employee)
        url = f"/my/performance/goals/{self.goal.id}/update"
        no_token = self.url_open(url, data={"progress": "40"})
        self.assertEqual(no_token.status_code, 400)
        self.assertFalse(self.goal.update_ids)
        self.assertEqual(self.url_open(url).status_code, 405, "no mutating GET")
        for post_url in (
            f"/my/performance/checkins/{self.checkin.id}/items",
            f"/my/performance/reviews/{self.review_eva.id}/save",
            f"/my/performance/reviews/{self.review_eva.id}/acknowledge",
            f"/my/performance/requests/{self.request_to_eva.id}/answer",
        ):
            with self.subTest(url=post_url):
                self.assertEqual(self.url_open(post_url).status_code, 405)
                self.assertEqual(
                    self.url_open(post_url, data={"name": "x"}).status_code, 400
                )
        token = self._token(f"/my/performance/goals/{self.goal.id}")
        response = self.url_open(
            url,
            data={
                "csrf_token": token,
                "progress": "40",
                "confidence": "high",
                "note": XSS,
            },
        )
        self.assertEqual(response.status_code, 200)
        self.assertIn("Update recorded", response.text)
        update = self.goal.update_ids
        self.assertEqual((update.progress, update.confidence), (40.0, "high"))
        self.assertEqual(update.author_user_id, self.user_employee)
        self.assertNotIn('<img src="x" onerror', response.text)
        # Out-of-range and junk values: a clear message, nothing recorded.
        for bad in ("140", "abc"):
            response = self.url_open(url, data={"csrf_token": token, "progress": bad})
            self.assertIn("alert-danger", response.text)
        self.assertEqual(len(self.goal.update_ids), 1)

    def test_junk_list_parameters_fall_back_to_defaults(self):
        self._login(self.user_employee)
        response = self.url_open(
            "/my/performance/goals?sortby=name;DROP TABLE x&filterby=<script>&page=x"
        )
        self.assertEqual(response.status_code, 200)
        self.assertIn(self.goal.name, response.text)
        self.assertNotIn("<script>", response.text)
        self.assertEqual(
            self.url_open("/my/performance/goals/page/abc").status_code, 404
        )

    def test_feedback_html_is_inert(self):
        self.env["hr.performance.feedback"].with_user(self.user_peer).create(
            {
                "employee_id": self.emp_employee.id,
                "kind": "praise",
                "visibility": "public",
                "body": f"<p>Great demo {XSS}</p>",
            }
        )
        self._login(self.user_employee)
        page = self.url_open("/my/performance")
        self.assertIn("Great demo", page.text)
        self.assertNotIn("alert(document.cookie)", page.text)
        # An answer typed in the portal is stored as text, never as markup.
        token = self._token(self._urls()["request"])
        self.url_open(
            self._urls()["request"] + "/answer",
            data={"csrf_token": token, "answer": XSS},
        )
        self.assertEqual(self.request_to_eva.state, "submitted")
        self.assertNotIn("<img", self.request_to_eva.answer)
        self.assertIn("&lt;img", self.request_to_eva.answer)

    def test_portal_reviewer_declines_a_request(self):
        request = self.env["hr.performance.feedback.request"].create(
            {
                "employee_id": self.emp_employee.id,
                "reviewer_user_id": self.user_portal.id,
                "anonymous": True,
            }
        )
        self._login(self.user_portal)
        url = f"/my/performance/requests/{request.id}"
        self.assertIn("Eva Employee", self.url_open("/my/performance").text)
        token = self._token(url)
        self.url_open(
            url + "/answer",
            data={
                "csrf_token": token,
                "decline": "1",
                "decline_reason": "Never worked together",
            },
        )
        self.assertEqual(
            (request.state, request.decline_reason),
            ("declined", "Never worked together"),
        )
        # Closed: the page says so and offers no form.
        self.assertNotIn("/answer", self.url_open(url).text)

    def test_checkin_agenda_from_the_portal(self):
        self._login(self.user_employee)
        url = self._urls()["checkin"]
        token = self._token(url)
        self.url_open(
            url + "/items", data={"csrf_token": token, "name": "Conference budget"}
        )
        item = self.checkin.agenda_item_ids
        self.assertEqual(
            (item.name, item.author_user_id), ("Conference budget", self.user_employee)
        )
        self.url_open(f"{url}/items/{item.id}/toggle", data={"csrf_token": token})
        self.assertTrue(item.done)

    def test_portal_user_does_the_whole_self_review_flow(self):
        self._login(self.user_portal)
        overview = self.url_open("/my/performance")
        self.assertIn(self.goal_paula.name, overview.text)
        self.assertNotIn(self.goal.name, overview.text)
        url = f"/my/performance/reviews/{self.review_paula.id}"
        token = self._token(url)
        lines = self.review_paula.self_line_ids
        rated = lines.filtered(lambda line: line.answer_type != "text")
        four = self.scale.level_ids.filtered(lambda level: level.value == 4)
        data = {"csrf_token": token}
        data.update({f"rating_{line.id}": str(four.id) for line in rated[:1]})
        data.update({f"comment_{line.id}": "Shipped the help centre" for line in lines})
        self.url_open(url + "/save", data=data)
        self.assertEqual(rated[0].rating_level_id, four)
        self.assertEqual(
            self.review_paula.state, "self_review", "a draft, not submitted"
        )
        # Submitting with unanswered questions: the error, nothing moves.
        response = self.url_open(
            url + "/save", data={"csrf_token": token, "submit": "1"}
        )
        self.assertIn("Answer every required question", response.text)
        self.assertEqual(self.review_paula.state, "self_review")
        data.update({f"rating_{line.id}": str(four.id) for line in rated})
        data["submit"] = "1"
        response = self.url_open(url + "/save", data=data)
        self.assertIn("Self review submitted", response.text)
        self.assertEqual(self.review_paula.state, "manager_review")
        self.assertEqual(self.review_paula.self_score, 75.0)
        # The manager's side stays hidden until release, then she acknowledges.
        self.review_paula.manager_line_ids.filtered(
            lambda line: line.answer_type != "text"
        ).write({"rating_level_id": four.id, "comment": "<p>A strong quarter</p>"})
        self.review_paula.proposed_rating_level_id = four
        self.review_paula.action_submit_manager_review()
        page = self.url_open(url)
        self.assertNotIn("A strong quarter", page.text)
        self.assertNotIn("/pdf", page.text)
        self.assertEqual(self.url_open(url + "/pdf").status_code, 404)
        self.review_paula.action_share()
        page = self.url_open(url)
        self.assertIn("A strong quarter", page.text)
        self.assertIn(four.name, page.text)
        pdf = self.url_open(url + "/pdf")
        self.assertEqual(pdf.headers["Content-Type"], "application/pdf")
        # Under test, Odoo renders reports as HTML unless forced; either way
        # it is her review.
        self.assertTrue(
            pdf.content.startswith(b"%PDF") or b"Paula Portal" in pdf.content
        )
        token = self._token(url)
        self.url_open(
            url + "/acknowledge",
            data={"csrf_token": token, "comment": "I expected more."},
        )
        self.assertEqual(self.review_paula.state, "done")
        self.assertIn("I expected more.", self.review_paula.employee_comment)

    def test_overview_queries_do_not_grow_with_history(self):
        self._login(self.user_employee)

        def count():
            self.env.flush_all()
            self.env.invalidate_all()
            before = self.cr.sql_log_count
            self.assertEqual(self.url_open("/my/performance").status_code, 200)
            return self.cr.sql_log_count - before

        count()  # warm the caches
        few = count()
        goals = self.env["hr.performance.goal"].create(
            [
                {
                    "name": f"Goal {i}",
                    "scope": "individual",
                    "employee_id": self.emp_employee.id,
                    "progress_mode": "manual",
                }
                for i in range(30)
            ]
        )
        self.env["hr.performance.goal.update"].create(
            [{"goal_id": goal.id, "progress": 10} for goal in goals]
        )
        self.env["hr.performance.checkin"].create(
            [{"employee_id": self.emp_employee.id} for _i in range(15)]
        )
        self.assertEqual(count(), few)
        self.assertLess(few, 25, "the whole request: session, layout, page")

    def test_numbers_must_be_finite(self):
        """Outside review, class 4: a goal update with NaN, ±inf, a number
        beyond a float (1e309) or junk records nothing, on a manual goal and
        on a metric one (where NaN used to make the goal 100 %)."""
        metric = self._goal(
            name="Close 200 tickets",
            progress_mode="metric",
            start_value=0,
            target_value=200,
        )
        self._login(self.user_employee)
        for goal, field in ((self.goal, "progress"), (metric, "value")):
            url = f"/my/performance/goals/{goal.id}"
            for bad in NOT_NUMBERS:
                with self.subTest(goal=goal.progress_mode, value=bad):
                    response = self._submit(url, "/update", **{field: bad})
                    self.assertRefused(response, "Enter a number")
                    self.assertFalse(goal.update_ids, "nothing written")
                    self.assertEqual(goal.progress, 0)
            self._submit(url, "/update", **{field: "1e1"})
            self.assertEqual(len(goal.update_ids), 1, "a plain number works")
        self.assertEqual((self.goal.progress, metric.progress), (10, 5))

    def test_goal_note_within_its_limit(self):
        """Outside review, class 11: a note over 5,000 characters (or 1 MB)
        is refused, not cut; at the limit it is recorded, a line break
        counting one character as in the browser."""
        limit = TEXT_LIMITS["goal_note"]
        self.assertEqual(limit, 5000)
        self._login(self.user_employee)
        url = self._urls()["goal"]
        self.assertIn(f'maxlength="{limit}"', self.url_open(url).text)
        for note in ("x" * (limit + 1), "x" * 1_000_000):
            with self.subTest(length=len(note)):
                response = self._submit(url, "/update", progress="30", note=note)
                self.assertRefused(response, f"at most {limit}")
                self.assertFalse(self.goal.update_ids, "nothing written")
        note = "x" * (limit - 2) + "\r\n" + "x"
        response = self._submit(url, "/update", progress="30", note=note)
        self.assertIn("Update recorded", response.text)
        self.assertEqual(self.goal.update_ids.note, note.replace("\r\n", "\n"))

    def test_agenda_topic_within_its_limit(self):
        """An agenda topic over 200 characters is refused (it used to be cut
        silently), an empty one too; at the limit it is added."""
        limit = TEXT_LIMITS["agenda_item"]
        self.assertEqual(limit, 200)
        self._login(self.user_employee)
        url = self._urls()["checkin"]
        self.assertIn(f'maxlength="{limit}"', self.url_open(url).text)
        for name, message in (("y" * (limit + 1), f"at most {limit}"), (" ", "topic")):
            with self.subTest(length=len(name)):
                self.assertRefused(self._submit(url, "/items", name=name), message)
                self.assertFalse(self.checkin.agenda_item_ids, "nothing written")
        self._submit(url, "/items", name="y" * limit)
        self.assertEqual(self.checkin.agenda_item_ids.name, "y" * limit)

    def test_review_texts_within_their_limit(self):
        """A self-review answer or the comment on a released review over
        20,000 characters is refused: nothing of the form is written."""
        limit = TEXT_LIMITS["answer"]
        self.assertEqual(limit, 20000)
        self._login(self.user_employee)
        url = self._urls()["review"]
        first, second = self.review_eva.self_line_ids[:2]
        self.assertIn(f'maxlength="{limit}"', self.url_open(url).text)
        response = self._submit(
            url,
            "/save",
            **{
                f"comment_{first.id}": "fine",
                f"comment_{second.id}": "z" * (limit + 1),
            },
        )
        self.assertRefused(response, f"at most {limit}")
        self.assertFalse(first.comment or second.comment, "nothing written")
        self._submit(url, "/save", **{f"comment_{second.id}": "z" * limit})
        self.assertIn("z" * limit, second.comment)
        self.review_eva.sudo().state = "shared"
        limit = TEXT_LIMITS["comment"]
        response = self._submit(url, "/acknowledge", comment="z" * (limit + 1))
        self.assertRefused(response, f"at most {limit}")
        self.assertEqual(self.review_eva.state, "shared", "not acknowledged")
        self.assertFalse(self.review_eva.employee_comment)
        self._submit(url, "/acknowledge", comment="z" * limit)
        self.assertEqual(self.review_eva.state, "done")

    def test_feedback_texts_within_their_limit(self):
        """A feedback answer over 20,000 characters or a decline reason over
        200 is refused (the reason used to be cut): the request stays open."""
        self._login(self.user_employee)
        url = self._urls()["request"]
        request = self.request_to_eva
        page = self.url_open(url).text
        for kind in ("answer", "decline_reason"):
            self.assertIn(f'maxlength="{TEXT_LIMITS[kind]}"', page)
        response = self._submit(url, "/answer", answer="w" * 20001)
        self.assertRefused(response, "at most 20000")
        response = self._submit(url, "/answer", decline="1", decline_reason="w" * 201)
        self.assertRefused(response, "at most 200")
        self.assertEqual(request.state, "requested")
        self.assertFalse(request.answer or request.decline_reason)
        self._submit(url, "/answer", answer="w" * 20000)
        self.assertEqual(request.state, "submitted")
        self.assertIn("w" * 20000, request.answer)

    def test_error_messages_are_translated(self):
        """The portal's error messages go through the translation of the
        user's language."""
        self.env["res.lang"]._activate_lang("fr_FR")
        self.user_employee.lang = "fr_FR"
        french = {
            "Enter a number, such as 42 or 37.5.": "Saisissez un nombre.",
            "%(field)s is too long: %(count)s characters, at most %(limit)s. "
            "Nothing was saved.": "%(field)s est trop long (%(limit)s au plus).",
            "The topic": "Le sujet",
        }
        self._login(self.user_employee)
        with patch.dict(
            code_translations.python_translations, {("hr_performance", "fr_FR"): french}
        ):
            goal = self._urls()["goal"]
            response = self._submit(goal, "/update", progress="nan")
            self.assertRefused(response, "Saisissez un nombre.")
            checkin = self._urls()["checkin"]
            response = self._submit(checkin, "/items", name="y" * 201)
            self.assertRefused(response, "Le sujet est trop long (200 au plus).")

    def test_goal_list_labels_are_translated(self):
        self.env["res.lang"]._activate_lang("fr_FR")
        self.user_employee.lang = "fr_FR"
        french = {"Deadline": "Échéance", "Done": "Terminés"}
        self._login(self.user_employee)
        with patch.dict(
            code_translations.python_translations, {("hr_performance", "fr_FR"): french}
        ):
            page = self.url_open("/my/performance/goals?filterby=done").text
        self.assertIn("Échéance", page)
        self.assertIn("Terminés", page)

    def test_error_text_comes_from_the_controller_only(self):
        """No page shows an error message taken from its URL."""
        self._login(self.user_employee)
        for url in self._urls().values():
            with self.subTest(url=url):
                page = self.url_open(url + "?error_text=Call+0800+now")
                self.assertEqual(page.status_code, 200)
                self.assertNotIn("Call 0800 now", page.text)


@tagged("post_install", "-at_install")
class TestPortalMobileTour(PortalCase):
    browser_size = "390x844"
    touch_enabled = True

    def test_goal_update_and_self_review_on_a_phone(self):
        self.start_tour(
            "/my/performance", "hr_performance_portal_mobile", login="perf_portal"
        )
        update = self.goal_paula.update_ids
        self.assertEqual((update.progress, update.confidence), (45.0, "high"))
        self.assertEqual(update.note, "Backlog under control")
        self.assertEqual(self.review_paula.state, "manager_review")
        self.assertIn("help centre", self.review_paula.self_line_ids[0].comment)
