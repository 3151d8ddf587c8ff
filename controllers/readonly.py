"""Which of the addon's routes Odoo 18 may serve from a read replica.

With ``--db_replica_host`` set, a route whose ``readonly`` is true (or a
callable answering true) runs on a cursor of the replica; the others, and
every route without a replica, run on the primary. The addon's GET routes
only read (``tests/test_security_audit.py`` holds that no GET changes a
row), so they use ``readonly=read_only_unless_just_written``; its POST
routes stay on the primary.

Read your own writes: a replica is a little behind the primary. A user who
has just changed something through the addon's routes (a POST, stamped in
the session by ``ir.http._pre_dispatch``, see ``models/ir_http.py``) reads
from the primary for ``STICKY_SECONDS`` after, and so does the page a POST
redirects to (its URL carries ``message`` or ``error``): the page after a
save always shows the save.
"""

import time

from odoo.http import request

# Session key: when the user last wrote through one of the addon's routes.
WRITE_STAMP = "hr_performance_wrote_at"
# How long after a write a user's pages stay on the primary: well above a
# streaming replica's usual lag (milliseconds), and short enough that the
# reads of a user who only reads go to the replica.
STICKY_SECONDS = 10
# What the addon's POST routes add to the URL they redirect to.
REDIRECT_MARKERS = ("message", "error")
# The addon's own routes: a POST to one of them stamps the session.
ROUTE_PREFIXES = ("/my/performance", "/hr_performance/")


def read_only_unless_just_written(controller):
    """``readonly=`` of the addon's GET routes. Odoo 18 calls it with the
    controller, before opening the request's cursor, with ``request`` set."""
    httprequest = request.httprequest
    if httprequest.method not in ("GET", "HEAD"):
        return False
    if any(marker in httprequest.args for marker in REDIRECT_MARKERS):
        return False
    return not just_written()


def just_written():
    """Whether the current user wrote through the addon in the last
    ``STICKY_SECONDS``."""
    stamp = request.session.get(WRITE_STAMP)
    return isinstance(stamp, int | float) and 0 <= time.time() - stamp < STICKY_SECONDS


def stamp_write(rule):
    """Called before each route is dispatched: a request that may write
    (not read-only) to one of the addon's routes stamps the session."""
    routing = rule.endpoint.routing
    if (
        routing.get("readonly") is False
        and request.httprequest.method not in ("GET", "HEAD")
        and rule.rule.startswith(ROUTE_PREFIXES)
    ):
        request.session[WRITE_STAMP] = time.time()
