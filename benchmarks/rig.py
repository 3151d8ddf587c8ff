#!/usr/bin/env python3
"""A multi-server rig on one machine (issue 18, item 2).

    python3 benchmarks/rig.py --users 20 --seconds 60 [--employees 500] [--faults] [--keep]

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

With ``--faults`` (issue 18, item 3), during the load: SIGKILL of the
server running the background launch of the large cycle, in the middle of
it, then of the one running the launch-mail job, each started again; one
restart of the PostgreSQL primary; then a wait, without any action, for the
launch, the mails, the roll-up and the replica to settle (what does not is
a manual step: exit status 1), the same integrity checks, and a launch-mail
run with one record it fails on, to show what happens to the others.

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
import threading
import time
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from http.cookiejar import CookieJar

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
        self.gevent_ports = []
        self.faults = None
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

    def background_launch(self):
        """With --faults the large cycle is launched by the background job
        (the threshold lowered below its size), so that it can be killed."""
        with contextlib.closing(self.connect()) as cnx, cnx.cursor() as cr:
            cr.execute(
                """INSERT INTO ir_config_parameter (key, value)
                   VALUES ('hr_performance.launch_background_threshold', '100')
                   ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value"""
            )
            cnx.commit()

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
            self.servers.append(None)
            self.gevent_ports.append(free_port())
            self.start_server(index, free_port())
        for index in range(count):
            self.wait_healthy(index)
        log(f"Odoo servers on ports {[port for _p, port, _l in self.servers]}")

    def start_server(self, index, port):
        """Start server ``index`` on ``port`` (again, after a kill: same
        ports, same log file, appended)."""
        path = os.path.join(self.work, f"odoo-{index}.log")
        process = subprocess.Popen(
            [
                sys.executable, ODOO_BIN, f"--addons-path={self.addons}",
                "-d", self.db, f"--db-filter=^{self.db}$",
                "--workers=2", "--max-cron-threads=1",
                "--http-interface=127.0.0.1", f"--http-port={port}",
                f"--gevent-port={self.gevent_ports[index]}",
                f"--db_replica_host={self.replica_socket}",
                f"--db_replica_port={self.replica_port}",
                f"--logfile={path}", "--log-level=info",
                "--limit-time-real=300", "--limit-time-cpu=120",
            ],
            start_new_session=True,
        )  # fmt: skip
        self.servers[index] = (process, port, path)

    def healthy(self, port):
        with contextlib.suppress(OSError):
            urllib.request.urlopen(
                f"http://127.0.0.1:{port}/web/health?db_server_status=1", timeout=5
            )
            return True
        return False

    def wait_healthy(self, index, timeout=120):
        process, port, _path = self.servers[index]
        deadline = time.time() + timeout
        while time.time() < deadline:
            assert process.poll() is None, f"server on {port} exited"
            if self.healthy(port):
                return time.time()
            time.sleep(0.5)
        raise RuntimeError(f"server on {port} did not start")

    def prelogin(self, parallel=4):
        """Log every load account in before the load, not timed: one password
        check costs about a second of CPU (Odoo's 600,000 PBKDF2 rounds), so
        100 people logging in within the first seconds saturate the four
        workers for a minute (a login storm, not the working day measured),
        and those whose login times out would work logged out. Locust takes
        over the sessions (``session_id`` cookies, in the accounts file);
        both servers read the same session store."""
        accounts = [*self.accounts["employees"], *self.accounts["managers"],
                    self.accounts["hr"]]  # fmt: skip
        ports = [port for _p, port, _l in self.servers]

        def login(index_account):
            index, account = index_account
            base = f"http://127.0.0.1:{ports[index % len(ports)]}"
            opener = urllib.request.build_opener(
                urllib.request.HTTPCookieProcessor(cookies := CookieJar())
            )
            for _attempt in range(5):
                with contextlib.suppress(OSError):
                    page = opener.open(f"{base}/web/login", timeout=120).read().decode()
                    token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(
                        1
                    )
                    data = urllib.parse.urlencode(
                        {"login": account["login"], "password": PASSWORD,
                         "csrf_token": token}
                    ).encode()  # fmt: skip
                    answer = opener.open(f"{base}/web/login", data, timeout=120)
                    if "/web/login" not in answer.geturl():
                        return {c.name: c.value for c in cookies}.get("session_id")
                time.sleep(2)
            return None

        start = time.time()
        with ThreadPoolExecutor(parallel) as pool:
            sessions = list(pool.map(login, enumerate(accounts)))
        for account, sid in zip(accounts, sessions, strict=True):
            account["session_id"] = sid
        with open(self.accounts_path, "w") as out:
            json.dump(self.accounts, out)
        failed = sessions.count(None)
        log(f"logged {len(accounts) - failed} accounts in before the load in "
            f"{time.time() - start:.0f} s ({failed} failed: Locust logs them in)")  # fmt: skip

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
            if self.args.faults:
                self.faults = Faults(self, time.time() + self.args.seconds)
                self.faults.start()
            self._locust(locust, users, prefix, env, locust_log)
            if self.faults:
                self.faults.join()
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


# ------------------------------------------------------------------ faults

LAUNCH_JOB = "create the reviews of large cycles in the background"
MAIL_JOB = "your review has started"
FAILURE_KINDS = ("timeouts", "http_5xx", "rpc_errors", "refused")


def pg_version():
    return sorted(os.listdir("/etc/postgresql"))[-1]


class Faults(threading.Thread):
    """During the load (``--faults``): SIGKILL the server running the
    background launch, then the one running the launch-mail job, each in the
    middle of its job, and start it again; then restart the PostgreSQL
    primary once. Each fault is a dict: what, killed, back, notes."""

    def __init__(self, rig, load_end):
        super().__init__(daemon=True)
        self.rig, self.load_end = rig, load_end
        self.events, self.problems = [], []
        self.offsets = {}

    def run(self):
        try:
            for path in (path for _p, _port, path in self.rig.servers):
                self.offsets[path] = os.path.getsize(path)
            self.kill_during(LAUNCH_JOB, "SIGKILL during the background launch")
            self.kill_during(MAIL_JOB, "SIGKILL during the launch-mail job")
            self.restart_postgres()
        except Exception as error:
            self.problems.append(f"fault thread: {error!r}")

    def new_lines(self, path):
        with open(path, errors="replace") as lines:
            lines.seek(self.offsets.get(path, 0))
            text = lines.read()
            self.offsets[path] = lines.tell()
        return text.splitlines()

    def wait_for_job(self, job, delay=1.5, timeout=300):
        """The index of a server still running ``job`` ``delay`` seconds
        after its log said it started (runs that end sooner, such as the
        empty runs at start-up, are skipped)."""
        deadline = time.time() + timeout
        started = {}  # server index -> worker pid, start time
        while time.time() < deadline:
            for index, (_p, _port, path) in enumerate(self.rig.servers):
                for line in self.new_lines(path):
                    if job not in line:
                        continue
                    pid = line.split()[2]
                    if " starting" in line:
                        started[index] = (pid, time.time())
                    elif " done in " in line or " failed" in line:
                        if started.get(index, ("",))[0] == pid:
                            del started[index]
            for index, (_pid, since) in started.items():
                if time.time() - since >= delay:
                    return index
            time.sleep(0.1)
        return None

    def kill_during(self, job, what):
        index = self.wait_for_job(job)
        if index is None:
            self.problems.append(f"{what}: the job never ran long enough to be killed")
            return
        process, port, path = self.rig.servers[index]
        killed = time.time()
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(30)
        log(f"{what}: killed server {index} (port {port}, process group {process.pid})")
        self.rig.start_server(index, port)
        back = self.rig.wait_healthy(index)
        self.offsets[path] = os.path.getsize(path)
        log(f"{what}: server {index} back after {back - killed:.1f} s")
        self.events.append({"what": what, "killed": killed, "back": back, "notes": ""})

    def restart_postgres(self):
        if time.time() > self.load_end - 10:
            self.problems.append("PostgreSQL restart: the load was over")
            return
        version = pg_version()
        killed = time.time()
        log(f"restarting the PostgreSQL {version} primary")
        subprocess.run(
            ["pg_ctlcluster", "--skip-systemctl-redirect", version, "main", "restart"],
            check=True,
        )
        back = time.time()
        deadline = back + 120
        while time.time() < deadline and not all(
            self.rig.healthy(port) for _p, port, _l in self.rig.servers
        ):
            time.sleep(0.5)
        servers_back = time.time()
        log(f"PostgreSQL back after {back - killed:.1f} s, servers answer after "
            f"{servers_back - killed:.1f} s")  # fmt: skip
        self.events.append(
            {
                "what": f"PostgreSQL {version} primary restart",
                "killed": killed,
                "back": servers_back,
                "notes": f"pg_ctlcluster restart took {back - killed:.1f} s",
            }
        )

    def windows(self, grace=5):
        return [(e["killed"], e["back"] + grace) for e in self.events]


def wait_recovered(rig, timeout=420):
    """Wait, without doing anything, until the crons have settled and the
    replica streams again; what did not is a manual step."""
    cycle, slot = rig.accounts["cycle_id"], rig.slot
    conditions = {
        "background launch finished (one review per participant)": f"""
            SELECT NOT launch_pending AND (SELECT count(*) FROM hr_performance_review
                                            WHERE cycle_id = {cycle})
                 = (SELECT count(*) FROM hr_employee_hr_performance_cycle_rel
                     WHERE hr_performance_cycle_id = {cycle})
              FROM hr_performance_cycle WHERE id = {cycle}""",
        "every launch mail sent (no review left pending)": """
            SELECT NOT EXISTS (SELECT 1 FROM hr_performance_review
                                WHERE launch_mail_pending)""",
        "roll-up queue empty": "SELECT NOT EXISTS (SELECT 1 FROM hr_performance_goal_rollup_queue)",
        "replica streaming again": f"""
            SELECT active FROM pg_replication_slots WHERE slot_name = '{slot}'""",
    }
    start, done = time.time(), {}
    while time.time() < start + timeout and len(done) < len(conditions):
        with (
            contextlib.suppress(psycopg2.Error),
            contextlib.closing(rig.connect()) as cnx,
        ):
            cnx.autocommit = True
            with cnx.cursor() as cr:
                for name, query in conditions.items():
                    if name not in done:
                        cr.execute(query)
                        if (cr.fetchone() or [False])[0]:
                            done[name] = time.time() - start
        time.sleep(2)
    results = {name: done.get(name) for name in conditions}
    results["both servers answer"] = (
        0.0 if all(rig.healthy(port) for _p, port, _l in rig.servers) else None
    )
    return results


# A review whose launch mail cannot be written: a trigger refuses to clear
# its flag, as a record the mail job fails on. The others of the batch are
# launched in the same cycle.
POISON = """
from datetime import date
today = date.today()
ids = {employee_ids}
cycle = env["hr.performance.cycle"].create({{
    "name": "Rig poisoned cycle", "date_start": today.replace(month=1, day=1),
    "date_end": today.replace(month=12, day=31), "employee_ids": [(6, 0, ids)]}})
env.cr.execute(f'''
CREATE FUNCTION rig_poison() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN
  IF OLD.launch_mail_pending AND NOT NEW.launch_mail_pending
     AND NEW.cycle_id = {{cycle.id}} AND NEW.employee_id = {{ids[0]}} THEN
    RAISE EXCEPTION 'rig: one poisoned review';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER rig_poison BEFORE UPDATE ON hr_performance_review
  FOR EACH ROW EXECUTE FUNCTION rig_poison();''')
env.cr.commit()
cycle.action_launch()
env.cr.commit()
print("poisoned cycle", cycle.id)
"""


def poison_mail_job(rig, timeout=150):
    """A launch-mail job run that fails on one record: what happens to the
    others of the batch, to the job's failure count and next call."""
    ids = [m["employee_id"] for m in rig.accounts["managers"]]
    if len(ids) < 2:
        return {"skipped": "fewer than two managers"}
    query = """SELECT c.failure_count, c.first_failure_date, c.nextcall, c.active
                 FROM ir_cron c JOIN ir_model_data d ON d.res_id = c.id
                WHERE d.model = 'ir.cron' AND d.module = 'hr_performance'
                  AND d.name = 'ir_cron_review_launch_mails'"""
    with contextlib.closing(rig.connect()) as cnx:
        cnx.autocommit = True
        with cnx.cursor() as cr:
            cr.execute(query)
            before = cr.fetchone()
    log("launch-mail job with one poisoned review")
    script = POISON.format(employee_ids=ids)
    with open(os.path.join(rig.work, "poison.log"), "w") as out:
        subprocess.run(
            [sys.executable, ODOO_BIN, "shell", "-d", rig.db, "--no-http",
             "--log-level=warn", f"--addons-path={rig.addons}"],
            input=script, text=True, stdout=out, stderr=subprocess.STDOUT, check=True,
        )  # fmt: skip
    pending_sql = """SELECT count(*) FILTER (WHERE r.launch_mail_pending), count(*)
                       FROM hr_performance_review r JOIN hr_performance_cycle c
                         ON c.id = r.cycle_id WHERE c.name = 'Rig poisoned cycle'"""
    result = {"failure_count before": before[0]}
    with contextlib.closing(rig.connect()) as cnx:
        cnx.autocommit = True
        with cnx.cursor() as cr:
            deadline = time.time() + timeout
            while time.time() < deadline:
                cr.execute(query)
                after = cr.fetchone()
                if after[0] > before[0]:
                    break
                time.sleep(2)
            cr.execute(pending_sql)
            pending, total = cr.fetchone()
            result.update(
                {
                    "failure_count after": after[0],
                    "first_failure_date": str(after[1]),
                    "nextcall after the failure": str(after[2]),
                    "active": after[3],
                    "reviews of the cycle still unmailed": f"{pending} of {total}"
                    " (1 poisoned)",
                }
            )
            # The poison removed, the others wait for the next trigger or
            # call: the rig triggers the job (the manual step) to settle.
            cr.execute("DROP TRIGGER rig_poison ON hr_performance_review;"
                       " DROP FUNCTION rig_poison()")  # fmt: skip
            cr.execute(
                "INSERT INTO ir_cron_trigger (cron_id, call_at)"
                " SELECT res_id, now() at time zone 'UTC' FROM ir_model_data"
                " WHERE module = 'hr_performance'"
                " AND name = 'ir_cron_review_launch_mails';"
                f" NOTIFY cron_trigger, '{rig.db}'"
            )
            deadline = time.time() + timeout
            while time.time() < deadline:
                cr.execute(pending_sql)
                if not cr.fetchone()[0]:
                    break
                time.sleep(2)
            cr.execute(pending_sql)
            left = cr.fetchone()[0]
            cr.execute(query)
            result["after removing the poison and triggering the job"] = (
                f"{left} unmailed, failure_count {cr.fetchone()[0]}"
            )
    return result


def fault_report(faults, accepted, recovery):
    print("\nfaults:")
    failures = accepted.get("failures", [])
    for event in faults.events:
        window = [f for f in failures if event["killed"] <= f[0] <= event["back"] + 5]
        kinds = dict.fromkeys(FAILURE_KINDS, 0)
        for _t, kind, _name in window:
            kinds[kind] += 1
        names = sorted({name for _t, _k, name in window})
        print(
            f"  {event['what']}: at {time.strftime('%H:%M:%S', time.localtime(event['killed']))},"
            f" back after {event['back'] - event['killed']:.1f} s;"
            f" failed requests until 5 s after: {json.dumps(kinds)}"
            + (f" ({', '.join(names)})" if names else "")
            + (f"; {event['notes']}" if event["notes"] else "")
        )
    for problem in faults.problems:
        print(f"  PROBLEM {problem}")
    print("recovery without any action (seconds after the load):")
    for name, seconds in recovery.items():
        print(f"  {'ok  ' if seconds is not None else 'FAIL'} {name}"
              + (f" ({seconds:.0f} s)" if seconds is not None else " (not within the wait)"))  # fmt: skip


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
    "name": "Rig HR", "login": "rig_hr", "email": "rig.hr@example.com",
    "password": "{password}",
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
        SELECT count(*) FILTER (WHERE n > 1) = 0
               AND count(*) FILTER (WHERE n = 1 AND m = ANY(%(goal_markers)s)) = %(goal_updates)s
               AND (SELECT count(*) FROM hr_performance_goal_update
                     WHERE note::text LIKE '%%rig-%%') = sum(n)
          FROM (SELECT m, (SELECT count(*) FROM hr_performance_goal_update
                            WHERE note::text LIKE '%%' || m || '%%') AS n
                  FROM unnest(%(goal_allowed)s::text[]) AS m) AS t""",
    "agenda items: one row per accepted POST, none other": """
        SELECT count(*) FILTER (WHERE n > 1) = 0
               AND count(*) FILTER (WHERE n = 1 AND m = ANY(%(agenda_markers)s)) = %(agenda_items)s
               AND (SELECT count(*) FROM hr_performance_checkin_item
                     WHERE name LIKE 'rig-%%') = sum(n)
          FROM (SELECT m, (SELECT count(*) FROM hr_performance_checkin_item
                            WHERE name = m) AS n
                  FROM unnest(%(agenda_allowed)s::text[]) AS m) AS t""",
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


# How many POSTs whose answer never came the server wrote all the same.
LOST_GOAL_UPDATES = """
    SELECT count(*) FROM hr_performance_goal_update u, unnest(%s::text[]) AS m
     WHERE u.note::text LIKE '%%' || m || '%%'"""
LOST_AGENDA_ITEMS = """
    SELECT count(*) FROM hr_performance_checkin_item i, unnest(%s::text[]) AS m
     WHERE i.name = m"""


def check_integrity(rig, accepted, errors):
    params = {
        "goal_markers": accepted["goal_updates"],
        "goal_updates": len(accepted["goal_updates"]),
        "agenda_markers": accepted["agenda_items"],
        "agenda_items": len(accepted["agenda_items"]),
        "cycle": rig.accounts["cycle_id"],
        # With --faults a POST whose answer was lost may have written its
        # row (once); without, the accepted ones and those whose answer
        # never came (a time-out: the server may have finished it) may have.
        "goal_allowed": accepted["goal_attempts"]
        if rig.faults
        else accepted["goal_updates"] + accepted.get("goal_lost", []),
        "agenda_allowed": accepted["agenda_attempts"]
        if rig.faults
        else accepted["agenda_items"] + accepted.get("agenda_lost", []),
    }
    results = {"roll-up queue empty": wait_for_rollup(rig)}
    with contextlib.closing(rig.connect()) as cnx, cnx.cursor() as cr:
        written = {}
        for kind, query in (
            ("goal", LOST_GOAL_UPDATES),
            ("agenda", LOST_AGENDA_ITEMS),
        ):
            lost = accepted.get(f"{kind}_lost", [])
            cr.execute(query, [lost])
            written[kind] = f"{cr.fetchone()[0]} of {len(lost)}"
        accepted["written_lost"] = ", ".join(f"{k} {v}" for k, v in written.items())
        for name, query in CHECKS.items():
            cr.execute(query, params)
            results[name] = bool(cr.fetchone()[0])
    if rig.faults:
        windows = rig.faults.windows()
        results["no HTTP 5xx outside the faults' windows"] = not any(
            kind == "http_5xx" and not any(a <= t <= b for a, b in windows)
            for t, kind, _name in accepted["failures"]
        )
    else:
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
    lost = accepted.get("written_lost")
    if lost:
        print(f"POSTs whose answer never came, written once by the server: {lost}")
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
        "--faults",
        action="store_true",
        help="kill a server during the background launch and during the "
        "launch-mail job, restart PostgreSQL once, poison one launch mail",
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
        if args.faults:
            rig.background_launch()
        rig.start_servers()
        rig.prelogin()
        before = rig.replica_counters()
        stats, accepted = rig.load()
        after = rig.replica_counters()
        recovery, poison = {}, {}
        if rig.faults:
            recovery = wait_recovered(rig)
            poison = poison_mail_job(rig)
        (
            accepted["errors"]["serialization_errors"],
            accepted["errors"]["serialization_retries"],
        ) = server_errors(rig)
        integrity = check_integrity(rig, accepted, accepted["errors"])
        report(stats, accepted, (before, after), integrity)
        if rig.faults:
            fault_report(rig.faults, accepted, recovery)
            print(
                "launch-mail job failing on one record (reported, not in the exit status):"
            )
            for name, value in poison.items():
                print(f"  {name}: {value}")
        recovered = all(v is not None for v in recovery.values()) and not (
            rig.faults and rig.faults.problems
        )
        return 0 if all(integrity.values()) and recovered else 1
    finally:
        rig.close()


if __name__ == "__main__":
    sys.exit(main())
