from werkzeug.exceptions import NotFound

from odoo.http import request

from ..lib import inputs
from .portal import PerformancePortal

#: At most this many colleagues in a picker (a company's directory is not a
#: phone's select list; HR links the rest in the backend).
MAX_COLLEAGUES = 500


class ColleaguePortal(PerformancePortal):
    """What the second-wave portal pages share: the colleagues a user may pick
    (kudos, feedback requests, 360 nominations), the user's own record of a
    model by its ``_portal_domain()``, and the page's alerts."""

    def _colleagues(self, employee, with_user=False, internal=False):
        """The active employees of ``employee``'s company but ``employee``,
        by name: ``with_user`` those who can answer a request,
        ``internal`` those with a backend user (feedback requests)."""
        if not employee:
            return request.env["hr.employee"]
        domain = [
            ("company_id", "=", employee.company_id.id),
            ("id", "!=", employee.id),
        ]
        if with_user or internal:
            domain.append(("user_id", "!=", False))
        if internal:
            domain.append(("user_id.share", "=", False))
        # sudo: names of the user's colleagues to choose from (portal users
        # read no employee); the route checks any posted id against this list
        return (
            request.env["hr.employee"]
            .sudo()
            .search(domain, order="name, id", limit=MAX_COLLEAGUES)
        )

    @staticmethod
    def _picked(colleagues, value):
        """The colleague of ``colleagues`` whose id is ``value`` (a posted
        string), or an empty recordset: a forged or junk id picks nobody."""
        record_id = inputs.positive_id(value)
        return (
            colleagues.filtered(lambda c: c.id == record_id)
            if record_id
            else (colleagues.browse())
        )

    def _own(self, model, record_id):
        """The user's own record of ``model`` (by the model's
        ``_portal_domain()``) read with sudo; a foreign and a missing id (or
        one PostgreSQL cannot hold) answer the same 404."""
        record_id = inputs.positive_id(record_id)
        if not record_id:
            raise NotFound()
        Model = request.env[model]
        # sudo: found only within the user's own portal domain (else 404)
        record = Model.sudo().search(
            [("id", "=", record_id), *Model._portal_domain()], limit=1
        )
        if not record:
            raise NotFound()
        return record

    @staticmethod
    def _as_user(records):
        """``records`` with sudo but as the current user: ``env.uid`` and the
        defaults (author, proposer) stay the user's, the models' state and
        input checks still run; the route has checked what is the user's."""
        # sudo: see the docstring; each caller says why its write is the user's
        return records.with_user(request.env.user).sudo()
