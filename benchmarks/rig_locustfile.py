"""The load of ``rig.py``, for Locust (headless, run by the rig).

Each simulated person logs in with one account of the rig's company and
works on one of the two servers (half the people on each, as behind a proxy
with sticky sessions): employees and portal users on the portal, managers
over JSON-RPC, and one HR officer who launches the large cycle. What was
accepted (the markers of goal updates and agenda items) and the errors by
kind are written to ``RIG_RESULTS`` when the run stops, for the integrity
checks.
"""

import itertools
import json
import os
import random
import re
import time
import uuid

from locust import HttpUser, between, events, task

ACCOUNTS = json.load(open(os.environ["RIG_ACCOUNTS"]))
SERVERS = os.environ["RIG_SERVERS"].split(",")
PASSWORD = os.environ["RIG_PASSWORD"]
TIMEOUT = 60
CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')
RESULTS = {
    "goal_updates": [],
    "agenda_items": [],
    # Every marker sent, accepted or not: with --faults, a POST whose answer
    # was lost (server killed) may still have written its row, once.
    "goal_attempts": [],
    "agenda_attempts": [],
    # The markers of POSTs whose answer never came (time-out or connection
    # error, the redirected page included): the server may have written them.
    "goal_lost": [],
    "agenda_lost": [],
    # [time, kind, request name] of each failure, for the faults' windows.
    "failures": [],
    "launch": "not run",
    "errors": {"http_5xx": 0, "timeouts": 0, "rpc_errors": 0, "refused": 0},
}
employee_seq = itertools.count()
manager_seq = itertools.count()
server_seq = itertools.count()


@events.test_stop.add_listener
def write_results(**_kwargs):
    with open(os.environ["RIG_RESULTS"], "w") as out:
        json.dump(RESULTS, out)


def failed(kind, name):
    RESULTS["errors"][kind] += 1
    RESULTS["failures"].append([time.time(), kind, name])


def classify(response, name):
    """Count a failed response by kind; return a short reason."""
    if response.status_code == 0:
        failed("timeouts", name)
        return "timeout or connection error"
    if response.status_code >= 500:
        failed("http_5xx", name)
        return f"HTTP {response.status_code}"
    # The status code with the name, so that the faults' report says which.
    failed("refused", f"{name} (HTTP {response.status_code})")
    return f"HTTP {response.status_code}"


class Person(HttpUser):
    abstract = True
    wait_time = between(0.5, 2)

    def on_start(self):
        self.server = SERVERS[next(server_seq) % len(SERVERS)]
        self.account = self.pick()
        self.rpc_id = itertools.count()
        if self.account.get("session_id"):
            # Logged in by the rig before the load (see Rig.prelogin).
            self.client.cookies.set("session_id", self.account["session_id"])
            return
        page = self.client.get(
            f"{self.server}/web/login", name="login page", timeout=TIMEOUT
        )
        token = CSRF.search(page.text).group(1)
        self.client.post(
            f"{self.server}/web/login",
            data={
                "login": self.account["login"],
                "password": PASSWORD,
                "csrf_token": token,
            },
            name="login",
            timeout=TIMEOUT,
        )

    def get(self, path, name):
        with self.client.get(
            f"{self.server}{path}", name=name, timeout=TIMEOUT, catch_response=True
        ) as response:
            if response.status_code != 200:
                response.failure(classify(response, name))
            elif "/web/login" in response.url:
                # Sent to the login page: the page was not served.
                failed("refused", f"{name} (logged out)")
                response.failure("logged out")
            return response

    def form_post(self, page, action, label, **data):
        """POST a form of ``page`` with its CSRF token; the response after the
        redirect (to the page itself)."""
        self.lost = False
        token = CSRF.search(self.get(page, f"{label}: form").text or "")
        if not token:
            return None
        with self.client.post(
            f"{self.server}{page}{action}",
            data={"csrf_token": token.group(1), **data},
            name=label,
            timeout=TIMEOUT,
            catch_response=True,
        ) as response:
            if response.status_code != 200:
                self.lost = response.status_code == 0
                response.failure(classify(response, label))
                return None
            return response

    def rpc(self, name, model, method, args, kwargs=None, route="call_kw"):
        payload = {
            "jsonrpc": "2.0",
            "method": "call",
            "id": next(self.rpc_id),
            "params": {
                "model": model,
                "method": method,
                "args": args,
                "kwargs": kwargs or {},
            },
        }
        with self.client.post(
            f"{self.server}/web/dataset/{route}/{model}/{method}",
            json=payload,
            name=name,
            timeout=600 if route == "call_button" else TIMEOUT,
            catch_response=True,
        ) as response:
            if response.status_code != 200:
                response.failure(classify(response, name))
                return None
            body = response.json()
            if "error" in body:
                failed("rpc_errors", name)
                response.failure(body["error"].get("data", {}).get("name", "rpc error"))
                return None
            return body.get("result")


class Employee(Person):
    weight = 8

    def pick(self):
        return ACCOUNTS["employees"][next(employee_seq) % len(ACCOUNTS["employees"])]

    @task(3)
    def my_home(self):
        self.get("/my", "baseline: /my")

    @task(3)
    def overview(self):
        self.get("/my/performance", "portal overview /my/performance")

    @task(2)
    def goal_page(self):
        self.get(f"/my/performance/goals/{self.account['goal_id']}", "goal page")

    @task(2)
    def goal_update(self):
        marker = f"rig-{uuid.uuid4().hex}"
        RESULTS["goal_attempts"].append(marker)
        response = self.form_post(
            f"/my/performance/goals/{self.account['goal_id']}",
            "/update",
            "goal update (POST)",
            progress=str(random.randint(0, 100)),
            note=marker,
        )
        if response is not None and "message=saved" in response.url:
            RESULTS["goal_updates"].append(marker)
        elif self.lost:
            RESULTS["goal_lost"].append(marker)

    @task(1)
    def agenda_item(self):
        marker = f"rig-{uuid.uuid4().hex[:20]}"
        RESULTS["agenda_attempts"].append(marker)
        response = self.form_post(
            f"/my/performance/checkins/{self.account['checkin_id']}",
            "/items",
            "agenda item (POST)",
            name=marker,
        )
        if response is not None and marker in response.text:
            RESULTS["agenda_items"].append(marker)
        elif self.lost:
            RESULTS["agenda_lost"].append(marker)

    @task(1)
    def self_review_draft(self):
        self.form_post(
            f"/my/performance/reviews/{self.account['review_id']}",
            "/save",
            "self-review draft (POST)",
        )

    @task(2)
    def write_own_contact(self):
        if self.account["portal"]:
            return  # portal users have no backend
        self.rpc(
            "baseline: write own contact (JSON-RPC)",
            "res.partner",
            "write",
            [
                [self.account["partner_id"]],
                {"phone": f"+1 555 {random.randint(0, 9999):04d}"},
            ],
        )


class Manager(Person):
    weight = 2

    def pick(self):
        return ACCOUNTS["managers"][next(manager_seq) % len(ACCOUNTS["managers"])]

    @task
    def team_list(self):
        self.rpc(
            "manager: team list (JSON-RPC)",
            "hr.employee",
            "web_search_read",
            [[["parent_id", "=", self.account["employee_id"]]]],
            {
                "specification": {
                    "name": {},
                    "job_id": {"fields": {"display_name": {}}},
                },
                "limit": 80,
            },
        )

    @task
    def review_list(self):
        self.rpc(
            "manager: review list (JSON-RPC)",
            "hr.performance.review",
            "web_search_read",
            [[]],
            {
                "specification": {
                    "employee_id": {"fields": {"display_name": {}}},
                    "cycle_id": {"fields": {"display_name": {}}},
                    "state": {},
                    "goal_score": {},
                },
                "limit": 80,
            },
        )

    @task
    def write_own_contact(self):
        self.rpc(
            "baseline: write own contact (JSON-RPC)",
            "res.partner",
            "write",
            [
                [self.account["partner_id"]],
                {"phone": f"+1 555 {random.randint(0, 9999):04d}"},
            ],
        )


class HumanResources(Person):
    fixed_count = 1
    launched = False

    def pick(self):
        return ACCOUNTS["hr"]

    @task
    def launch_once(self):
        if HumanResources.launched:
            self.get("/odoo", "HR: backend home")
            return
        HumanResources.launched = True
        result = self.rpc(
            "HR: launch the large cycle",
            "hr.performance.cycle",
            "action_launch",
            [[self.account["cycle_id"]]],
            route="call_button",
        )
        RESULTS["launch"] = "done" if result is not None else "failed"
