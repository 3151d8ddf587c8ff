#!/usr/bin/env python3
"""A multi-server rig on one machine (issue 18, item 2).

    python3 benchmarks/rig.py --users 20 --seconds 60 [--employees 500] [--keep]

1. a fresh database with the addon and a benchmark company whose people have
   users (``generate.py``), plus what the load needs: sibling goals under one
   parent, a planned check-in and a self review for each load account, an HR
   officer and a large draft cycle;
2. a PostgreSQL streaming replica of the local cluster, made with
   ``pg_basebackup`` on a second port (run as root: the PostgreSQL binaries
   run as the ``postgres`` user; a ``local replication`` line is added to
   ``pg_hba.conf`` for the run if missing, and removed after);
3. two Odoo servers (``odoo-bin``, ``--workers=2 --max-cron-threads=1``) on
   the database, with ``--db_replica_host``/``--db_replica_port``;
4. Locust, headless, in its own virtualenv (``.build/locust-venv``; Locust's
   gevent and Werkzeug must not replace Odoo's), to 127.0.0.1 only, for
   ``--seconds``: employees and portal users on the portal (overview, goal
   pages, updates of sibling goals, agenda items, self-review drafts), Odoo's
   own ``/my`` and a stock JSON-RPC write of one's own contact as
   baselines, managers' team and review lists over JSON-RPC, and one HR
   officer launching the large cycle while the others work;
5. figures: requests, errors by kind, p50/p95/p99 per scenario and their
   ratio to the baselines, the replica's ``pg_stat_database`` counters;
6. integrity checks (exit status 1 when one fails): every accepted POST wrote
   exactly one row, no duplicates, every parent goal equals the weighted
   average of its children once the roll-up queue is empty, no non-finite
   number, one review per participant of the launched cycle, nobody mailed
   twice, no HTTP 5xx, no serialization failure logged at ERROR level.

Everything it starts (servers, Locust, the replica cluster and its files, the
database unless ``--keep``) is stopped and removed at the end, also on
Ctrl-C. Not part of ``./bin/test``.
"""

import argparse
import contextlib
import csv
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request

import psycopg2

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ODOO_BIN = os.environ.get("ODOO_BIN", "/opt/odoo18/odoo-bin")
PG_BIN = os.environ.get("PG_BIN", "/usr/lib/postgresql/15/bin")
PRIMARY_SOCKET = "/var/run/postgresql"
PRIMARY_PORT = 5432
HBA_LINE = "local replication all trust  # hr_performance rig"
LOCUST_VENV = os.path.join(REPO, ".build", "locust-venv")
PASSWORD = "rig-password"


def log(message):
    print(f"[rig {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def addons_path():
    link_dir = os.path.join(REPO, ".build", "rig-addons")
    os.makedirs(link_dir, exist_ok=True)
    link = os.path.join(link_dir, "hr_performance")
    if not os.path.islink(link):
        os.symlink(REPO, link)
    odoo_root = os.path.dirname(os.path.abspath(ODOO_BIN))
    return ",".join(
        [
            link_dir,
            os.path.join(odoo_root, "odoo", "addons"),
            os.path.join(odoo_root, "addons"),
        ]
    )


def as_postgres(*command, **kwargs):
    return subprocess.run(
        ["runuser", "-u", "postgres", "--", *command], check=True, **kwargs
    )


class Rig:
    """What the run started, so that ``close`` stops and removes it all."""

    def __init__(self, args):
        self.args = args
        self.db = args.reuse or f"hr_performance_rig_{os.getpid()}"
        self.work = tempfile.mkdtemp(prefix="hr_performance_rig_")
        os.chmod(self.work, 0o755)
        self.replica_dir = os.path.join(self.work, "replica")
        self.replica_socket = os.path.join(self.work, "socket")
        self.replica_port = free_port()
        self.servers = []  # (process, http port, log path)
        self.hba_added = False
        self.slot = f"hr_performance_rig_{os.getpid()}"
        self.slot_created = False
        self.replica_started = False
        self.addons = addons_path()

    # ------------------------------------------------------------------ database

    def odoo(self, *args, stdin=None, log_name):
        path = os.path.join(self.work, log_name)
        with open(path, "w") as out:
            subprocess.run(
                [sys.executable, ODOO_BIN, *args, f"--addons-path={self.addons}"],
                input=stdin,
                text=True,
                stdout=out,
                stderr=subprocess.STDOUT,
                check=True,
            )
        return path

    def prepare(self):
        self.accounts_path = os.path.join(REPO, ".build", f"{self.db}.accounts.json")
        if self.args.reuse:
            log(f"reusing database {self.db} (for debugging the rig only)")
            with open(self.accounts_path) as data:
                self.accounts = json.load(data)
            return
        log(f"database {self.db}: installing the addon")
        subprocess.run(["dropdb", "--if-exists", self.db], check=True)
        self.odoo(
            "-d", self.db, "-i", "hr_performance", "--without-demo=all",
            "--stop-after-init", "--no-http", "--log-level=warn", log_name="install.log",
        )  # fmt: skip
        log(f"generating {self.args.employees} employees with users")
        accounts = self.accounts_path
        env = dict(os.environ)
        script = SETUP.format(
            repo=REPO,
            employees=self.args.employees,
            users=self.args.users,
            accounts=accounts,
            password=PASSWORD,
        )
        path = os.path.join(self.work, "setup.log")
        with open(path, "w") as out:
            subprocess.run(
                [sys.executable, ODOO_BIN, "shell", "-d", self.db, "--no-http",
                 "--log-level=warn", f"--addons-path={self.addons}"],
                input=script, text=True, stdout=out, stderr=subprocess.STDOUT,
                check=True, env=env,
            )  # fmt: skip
        with open(accounts) as data:
            self.accounts = json.load(data)

    # ------------------------------------------------------------------ replica

    def allow_replication(self):
        hba = subprocess.run(
            ["psql", "-d", "postgres", "-Atc", "SHOW hba_file"],
            check=True, capture_output=True, text=True,
        ).stdout.strip()  # fmt: skip
        with open(hba) as conf:
            lines = conf.read().splitlines()
        if any(re.match(r"\s*local\s+replication\s", line) for line in lines):
            return
        log(f"adding '{HBA_LINE}' to {hba} for the run")
        with open(hba, "a") as conf:
            conf.write(HBA_LINE + "\n")
        self.hba_file, self.hba_added = hba, True
        subprocess.run(
            ["psql", "-d", "postgres", "-qAtc", "SELECT pg_reload_conf()"],
            stdout=subprocess.DEVNULL,
            check=True,
        )

    def start_replica(self):
        self.allow_replication()
        for path in (self.replica_socket, self.replica_dir):
            os.makedirs(path, mode=0o700)
            shutil.chown(path, "postgres", "postgres")
        log(f"pg_basebackup to {self.replica_dir}, replica on port {self.replica_port}")
        self.slot_created = True  # dropping a slot that is not there is harmless
        for attempt in range(3):
            try:
                as_postgres(
                    f"{PG_BIN}/pg_basebackup", "-h", PRIMARY_SOCKET,
                    "-p", str(PRIMARY_PORT), "-D", self.replica_dir, "-R",
                    "-X", "stream", "-c", "fast",
                    # A slot keeps the WAL the replica still needs (the
                    # cluster may be busy with other databases); dropped at
                    # the end.
                    "-C", "-S", self.slot,
                )  # fmt: skip
                break
            except subprocess.CalledProcessError:
                # A shared cluster: someone may end our connection.
                if attempt == 2:
                    raise
                log("pg_basebackup failed, trying again")
                self.drop_slot()
                as_postgres("find", self.replica_dir, "-mindepth", "1", "-delete")
        conf = os.path.join(self.replica_dir, "postgresql.conf")
        with open(conf, "w") as out:
            out.write(
                f"port = {self.replica_port}\n"
                f"unix_socket_directories = '{self.replica_socket}'\n"
                "listen_addresses = ''\nhot_standby = on\nmax_connections = 200\n"
            )
        with open(os.path.join(self.replica_dir, "pg_hba.conf"), "w") as out:
            out.write("local all all trust\n")
        open(os.path.join(self.replica_dir, "pg_ident.conf"), "w").close()
        for name in ("postgresql.conf", "pg_hba.conf", "pg_ident.conf"):
            shutil.chown(os.path.join(self.replica_dir, name), "postgres", "postgres")
        as_postgres(
            f"{PG_BIN}/pg_ctl", "-D", self.replica_dir, "-l",
            os.path.join(self.replica_socket, "replica.log"), "-w", "-t", "600", "start",
            stdout=subprocess.DEVNULL,
        )  # fmt: skip
        self.replica_started = True
        with self.connect(replica=True) as cnx, cnx.cursor() as cr:
            cr.execute("SELECT pg_is_in_recovery()")
            assert cr.fetchone()[0], "the replica is not in recovery"

    def drop_slot(self):
        subprocess.run(
            ["psql", "-d", "postgres", "-qAtc",
             "SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots"
             f" WHERE slot_name = '{self.slot}'"],
            stdout=subprocess.DEVNULL, check=False,
        )  # fmt: skip

    def connect(self, replica=False):
        if replica:
            return psycopg2.connect(
                dbname=self.db, host=self.replica_socket, port=self.replica_port
            )
        return psycopg2.connect(dbname=self.db, host=PRIMARY_SOCKET, port=PRIMARY_PORT)

    def replica_counters(self):
        with contextlib.closing(self.connect(replica=True)) as cnx, cnx.cursor() as cr:
            cr.execute(
                """SELECT xact_commit, tup_returned, tup_fetched, blks_hit + blks_read
                     FROM pg_stat_database WHERE datname = %s""",
                [self.db],
            )
            return cr.fetchone()

    # ------------------------------------------------------------------ servers

    def start_servers(self, count=2):
        for index in range(count):
            port, gevent_port = free_port(), free_port()
            path = os.path.join(self.work, f"odoo-{index}.log")
            process = subprocess.Popen(
                [
                    sys.executable, ODOO_BIN, f"--addons-path={self.addons}",
                    "-d", self.db, f"--db-filter=^{self.db}$",
                    "--workers=2", "--max-cron-threads=1",
                    "--http-interface=127.0.0.1", f"--http-port={port}",
                    f"--gevent-port={gevent_port}",
                    f"--db_replica_host={self.replica_socket}",
                    f"--db_replica_port={self.replica_port}",
                    f"--logfile={path}", "--log-level=info",
                    "--limit-time-real=300", "--limit-time-cpu=120",
                ],
                start_new_session=True,
            )  # fmt: skip
            self.servers.append((process, port, path))
        for process, port, _path in self.servers:
            deadline = time.time() + 120
            while time.time() < deadline:
                assert process.poll() is None, f"server on {port} exited"
                with contextlib.suppress(OSError):
                    urllib.request.urlopen(
                        f"http://127.0.0.1:{port}/web/health", timeout=5
                    )
                    break
                time.sleep(1)
            else:
                raise RuntimeError(f"server on {port} did not start")
        log(f"Odoo servers on ports {[port for _p, port, _l in self.servers]}")

    # ------------------------------------------------------------------ load

    def load(self):
        locust = os.path.join(LOCUST_VENV, "bin", "locust")
        if not os.path.exists(locust):
            log("installing Locust in its own virtualenv")
            subprocess.run([sys.executable, "-m", "venv", LOCUST_VENV], check=True)
            subprocess.run(
                [os.path.join(LOCUST_VENV, "bin", "pip"), "install", "-q", "locust"],
                check=True,
            )
        prefix = os.path.join(self.work, "locust")
        env = dict(
            os.environ,
            RIG_ACCOUNTS=self.accounts_path,
            RIG_SERVERS=",".join(
                f"http://127.0.0.1:{port}" for _p, port, _l in self.servers
            ),
            RIG_PASSWORD=PASSWORD,
            RIG_RESULTS=os.path.join(self.work, "accepted.json"),
        )
        users = self.args.users
        log(f"Locust: {users} users for {self.args.seconds} s")
        with open(os.path.join(self.work, "locust.log"), "w") as locust_log:
            self._locust(locust, users, prefix, env, locust_log)
        with open(prefix + "_stats.csv") as data:
            stats = list(csv.DictReader(data))
        with open(env["RIG_RESULTS"]) as data:
            accepted = json.load(data)
        return stats, accepted

    def _locust(self, locust, users, prefix, env, locust_log):
        subprocess.run(
            [
                locust, "-f", os.path.join(REPO, "benchmarks", "rig_locustfile.py"),
                "--headless", "-u", str(users),
                "-r", str(max(1, users // 5)), "-t", f"{self.args.seconds}s",
                "--host", env["RIG_SERVERS"].split(",")[0], "--csv", prefix,
                "--only-summary", "--stop-timeout", "30", "--loglevel", "WARNING",
            ],
            env=env, check=False, timeout=self.args.seconds + 300,
            stdout=locust_log, stderr=subprocess.STDOUT,
        )  # fmt: skip

    # ------------------------------------------------------------------ the end

    def close(self):
        for process, _port, _path in self.servers:
            if process.poll() is None:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(process.pid, signal.SIGTERM)
        for process, _port, _path in self.servers:
            try:
                process.wait(30)
            except subprocess.TimeoutExpired:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(process.pid, signal.SIGKILL)
                process.wait(10)
        if self.replica_started:
            with contextlib.suppress(subprocess.CalledProcessError):
                as_postgres(
                    f"{PG_BIN}/pg_ctl", "-D", self.replica_dir, "-m", "fast", "-w", "stop",
                    stdout=subprocess.DEVNULL,
                )  # fmt: skip
        if self.slot_created:
            self.drop_slot()
        if self.hba_added:
            with open(self.hba_file) as conf:
                lines = [line for line in conf.read().splitlines() if line != HBA_LINE]
            with open(self.hba_file, "w") as conf:
                conf.write("\n".join(lines) + "\n")
            subprocess.run(
                ["psql", "-d", "postgres", "-qAtc", "SELECT pg_reload_conf()"],
                stdout=subprocess.DEVNULL,
                check=False,
            )
        if not self.args.keep and not self.args.reuse:
            subprocess.run(["dropdb", "--if-exists", self.db], check=False)
            with contextlib.suppress(FileNotFoundError):
                os.unlink(self.accounts_path)
            shutil.rmtree(self.work, ignore_errors=True)
        else:
            log(f"kept: database {self.db}, files in {self.work}")


# The data the load needs, made in ``odoo shell`` (stdin).
SETUP = """
import json, sys
from datetime import date
sys.path.insert(0, "{repo}/benchmarks")
from generate import generate
data = generate(env, {employees}, 42)
employees = data["employees"]
users = employees.user_id
crypt = env["res.users"]._crypt_context()
env.cr.execute("UPDATE res_users SET password = %s WHERE id IN %s",
               [crypt.hash("{password}"), tuple(users.ids)])
# Internal users can save their own contact, as Odoo's default user can.
(users - users.filtered("share")).write(
    {{"groups_id": [(4, env.ref("base.group_partner_manager").id)]}})
hr = env["res.users"].create({{
    "name": "Rig HR", "login": "rig_hr", "password": "{password}",
    "groups_id": [(6, 0, [env.ref("hr_performance.group_performance_officer").id])]}})
managers = employees.filtered("child_ids")
people = employees.filtered(lambda e: not e.child_ids)
load = people[: max(1, {users})]
today = date.today()
common = {{"date_start": today.replace(month=1, day=1),
          "date_deadline": today.replace(month=12, day=31), "state": "active"}}
Goal = env["hr.performance.goal"]
parent = Goal.create({{"name": "Rig objective", "scope": "company",
                      "progress_mode": "children", **common}})
goals = Goal.create([{{"name": f"Rig key result {{e.name}}", "scope": "individual",
                      "employee_id": e.id, "parent_id": parent.id,
                      "progress_mode": "manual", **common}} for e in load])
checkins = env["hr.performance.checkin"].create(
    [{{"employee_id": e.id, "date": today}} for e in load])
cycle = env["hr.performance.cycle"].create({{
    "name": "Rig cycle", "date_start": common["date_start"],
    "date_end": common["date_deadline"], "employee_ids": [(6, 0, load.ids)]}})
cycle.action_launch()
large = env["hr.performance.cycle"].create({{
    "name": "Rig large cycle", "date_start": common["date_start"],
    "date_end": common["date_deadline"],
    "employee_ids": [(6, 0, (employees - load).ids)]}})
review_of = {{r.employee_id.id: r.id for r in cycle.review_ids}}
accounts = {{
    "employees": [{{"login": e.user_id.login, "portal": e.user_id.share,
                    "partner_id": e.user_id.partner_id.id,
                    "goal_id": g.id, "checkin_id": c.id,
                    "review_id": review_of[e.id]}}
                  for e, g, c in zip(load, goals, checkins)],
    "managers": [{{"login": m.user_id.login, "employee_id": m.id,
                   "partner_id": m.user_id.partner_id.id}}
                 for m in managers[: max(1, {users} // 5)]],
    "hr": {{"login": hr.login, "cycle_id": large.id}},
    "parent_goal_id": parent.id, "cycle_id": large.id,
}}
env.cr.commit()
json.dump(accounts, open("{accounts}", "w"))
print("setup done", len(load), "load accounts")
"""


# ------------------------------------------------------------------ integrity

CHECKS = {
    "goal updates: one row per accepted POST, none other": """
        SELECT count(*) FILTER (WHERE n <> 1) = 0
               AND count(*) = %(goal_updates)s
               AND (SELECT count(*) FROM hr_performance_goal_update
                     WHERE note::text LIKE '%%rig-%%') = %(goal_updates)s
          FROM (SELECT m, (SELECT count(*) FROM hr_performance_goal_update
                            WHERE note::text LIKE '%%' || m || '%%') AS n
                  FROM unnest(%(goal_markers)s::text[]) AS m) AS t""",
    "agenda items: one row per accepted POST, none other": """
        SELECT count(*) FILTER (WHERE n <> 1) = 0
               AND count(*) = %(agenda_items)s
               AND (SELECT count(*) FROM hr_performance_checkin_item
                     WHERE name LIKE 'rig-%%') = %(agenda_items)s
          FROM (SELECT m, (SELECT count(*) FROM hr_performance_checkin_item
                            WHERE name = m) AS n
                  FROM unnest(%(agenda_markers)s::text[]) AS m) AS t""",
    "every parent goal is the weighted average of its children": """
        SELECT NOT EXISTS (
            SELECT 1 FROM hr_performance_goal p
              JOIN hr_performance_goal c ON c.parent_id = p.id AND c.state <> 'cancelled'
             WHERE p.progress_mode = 'children' AND p.active
          GROUP BY p.id, p.progress
            HAVING abs(p.progress - sum(c.weight * c.progress) / sum(c.weight)) > 0.01)""",
    "no non-finite number": """
        SELECT NOT EXISTS (
            SELECT 1 FROM hr_performance_goal
             WHERE progress IN ('NaN', 'Infinity', '-Infinity')
                OR current_value IN ('NaN', 'Infinity', '-Infinity'))
           AND NOT EXISTS (
            SELECT 1 FROM hr_performance_goal_update
             WHERE progress IN ('NaN', 'Infinity', '-Infinity')
                OR value IN ('NaN', 'Infinity', '-Infinity'))""",
    "the launch made one review per participant": """
        SELECT (SELECT count(*) FROM hr_performance_review WHERE cycle_id = %(cycle)s)
             = (SELECT count(*) FROM hr_employee_hr_performance_cycle_rel
                 WHERE hr_performance_cycle_id = %(cycle)s)
           AND (SELECT state FROM hr_performance_cycle WHERE id = %(cycle)s) = 'open'""",
    "nobody mailed twice about one review": """
        SELECT NOT EXISTS (
            SELECT 1 FROM mail_message m
              JOIN mail_message_res_partner_rel r ON r.mail_message_id = m.id
             WHERE m.model = 'hr.performance.review' AND m.message_type = 'email'
          GROUP BY m.res_id, m.subject, r.res_partner_id HAVING count(*) > 1)""",
}


def wait_for_rollup(rig, timeout=120):
    """The roll-up job runs in the servers' cron workers: wait until its
    queue is empty."""
    deadline = time.time() + timeout
    with contextlib.closing(rig.connect()) as cnx:
        cnx.autocommit = True
        with cnx.cursor() as cr:
            while time.time() < deadline:
                cr.execute("SELECT count(*) FROM hr_performance_goal_rollup_queue")
                if not cr.fetchone()[0]:
                    return True
                time.sleep(2)
    return False


def check_integrity(rig, accepted, errors):
    params = {
        "goal_markers": accepted["goal_updates"],
        "goal_updates": len(accepted["goal_updates"]),
        "agenda_markers": accepted["agenda_items"],
        "agenda_items": len(accepted["agenda_items"]),
        "cycle": rig.accounts["cycle_id"],
    }
    results = {"roll-up queue empty": wait_for_rollup(rig)}
    with contextlib.closing(rig.connect()) as cnx, cnx.cursor() as cr:
        for name, query in CHECKS.items():
            cr.execute(query, params)
            results[name] = bool(cr.fetchone()[0])
    results["no HTTP 5xx"] = not errors["http_5xx"]
    results["no serialization failure logged at ERROR"] = not errors[
        "serialization_errors"
    ]
    return results


def server_errors(rig):
    """Serialization failures Odoo logged at ERROR (a retry that gave up) and
    at INFO (retried), from the servers' logs."""
    errors, retries = 0, 0
    for _process, _port, path in rig.servers:
        with open(path, errors="replace") as lines:
            for line in lines:
                if "SerializationFailure" in line or "could not serialize" in line:
                    if " ERROR " in line:
                        errors += 1
                    else:
                        retries += 1
    return errors, retries


# ------------------------------------------------------------------ report

BASELINES = {
    "baseline: /my": "portal",
    "baseline: write own contact (JSON-RPC)": "write",
}
AGAINST = {
    "portal overview /my/performance": "baseline: /my",
    "goal page": "baseline: /my",
    "goal update (POST)": "baseline: write own contact (JSON-RPC)",
    "agenda item (POST)": "baseline: write own contact (JSON-RPC)",
    "self-review draft (POST)": "baseline: write own contact (JSON-RPC)",
}


def report(stats, accepted, counters, integrity):
    by_name = {row["Name"]: row for row in stats}
    print(
        f"\n{'scenario':<42} {'requests':>8} {'fails':>6} {'p50':>7} {'p95':>7} {'p99':>7}  p95 vs baseline"
    )
    for row in stats:
        name = row["Name"]
        if name == "Aggregated":
            continue
        base = by_name.get(AGAINST.get(name, ""))
        ratio = ""
        if base and float(base["95%"] or 0):
            ratio = f"{float(row['95%']) / float(base['95%']):.1f}x ({AGAINST[name]})"
        print(
            f"{name:<42} {row['Request Count']:>8} {row['Failure Count']:>6} "
            f"{row['50%']:>7} {row['95%']:>7} {row['99%']:>7}  {ratio}"
        )
    total = by_name.get("Aggregated", {})
    print(
        f"\nrequests {total.get('Request Count')}, failures {total.get('Failure Count')}, "
        f"errors by kind {json.dumps(accepted['errors'])}"
    )
    print(
        f"accepted POSTs: {len(accepted['goal_updates'])} goal updates, "
        f"{len(accepted['agenda_items'])} agenda items; HR launch: {accepted['launch']}"
    )
    before, after = counters
    names = ("transactions", "tuples returned", "tuples fetched", "blocks")
    print(
        "replica pg_stat_database during the load: "
        + ", ".join(
            f"{name} +{b - a}" for name, a, b in zip(names, before, after, strict=True)
        )
    )
    print("\nintegrity:")
    for name, ok in integrity.items():
        print(f"  {'ok  ' if ok else 'FAIL'} {name}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--users", type=int, default=20, help="concurrent Locust users")
    parser.add_argument("--seconds", type=int, default=60, help="length of the load")
    parser.add_argument(
        "--employees", type=int, default=500, help="size of the company"
    )
    parser.add_argument(
        "--keep", action="store_true", help="keep the database and logs"
    )
    parser.add_argument(
        "--reuse", metavar="DB", help="a database kept by --keep (debugging)"
    )
    args = parser.parse_args()
    if os.geteuid() != 0:
        sys.exit("run as root: the replica's PostgreSQL runs as the postgres user")
    rig = Rig(args)
    signal.signal(signal.SIGTERM, lambda *_a: sys.exit(1))
    try:
        rig.prepare()
        rig.start_replica()
        rig.start_servers()
        before = rig.replica_counters()
        stats, accepted = rig.load()
        after = rig.replica_counters()
        (
            accepted["errors"]["serialization_errors"],
            accepted["errors"]["serialization_retries"],
        ) = server_errors(rig)
        integrity = check_integrity(rig, accepted, accepted["errors"])
        report(stats, accepted, (before, after), integrity)
        return 0 if all(integrity.values()) else 1
    finally:
        rig.close()


if __name__ == "__main__":
    sys.exit(main())
