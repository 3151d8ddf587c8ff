from collections import defaultdict
from contextlib import contextmanager

from odoo import api, models

# Followers subscribed in a batch (``_subscribe_each``), which mail's own
# one-call-per-user subscription (``mail.activity.create``) may skip. Kept on
# the cursor, out of the caller's reach (a context key could be forged over
# RPC), and only while the batch runs.
SETTLED_FOLLOWERS = "hr_performance_settled_followers"


class HrPerformanceThread(models.AbstractModel):
    """The chatter of the addon's records: a ``mail.thread`` whose followers
    follow read access (SECURITY.md 23).

    Only people who may read a record follow it or hear of it:

    * subscribing someone who may not read the record subscribes nobody;
    * a message names no recipient who may not read its record, and its
      notifications skip them, whoever follows (a belt and braces for
      followers added any other way);
    * a write that may change who reads a record (``_follower_access_fields``)
      and a reorganisation of the org chart (``hr.employee.write``) make
      whoever can no longer read it stop following it.

    Who "may read": an internal user, through their own access rights and
    record rules; a portal user, the records they own
    (``_follower_owner_field``), which ``/my/performance`` shows them. A
    partner without a user (an outside email address) reads nothing: these
    are HR records, never mailed out of the company's users.
    """

    _name = "hr.performance.thread"
    _description = "Performance chatter: followers who may read the record"
    _inherit = ["mail.thread"]

    # A write on one of these fields may change who reads the record.
    _follower_access_fields = ("employee_id", "company_id")
    # The user the record belongs to, who reads it whatever the org chart; the
    # one portal user who reads it. False: nobody in particular.
    _follower_owner_field = False

    def write(self, vals):
        result = super().write(vals)
        if set(self._follower_access_fields) & set(vals):
            self._unfollow_unreaders()
            self._unassign_unreaders()
        return result

    def _unassign_unreaders(self):
        """Open activities of users who may no longer read their record go
        (a re-assignment): nobody keeps a to-do, named after the record, on
        something they cannot open, and the reminder jobs give the new
        owner their own."""
        if "activity_ids" not in self._fields or not self:
            return
        # sudo: the open activities of these records, to drop the unreadable ones
        activities = (
            self.env["mail.activity"]
            .sudo()
            .search([("res_model", "=", self._name), ("res_id", "in", self.ids)])
        )
        by_partner = defaultdict(list)
        for activity in activities:
            by_partner[activity.user_id.partner_id.id].append(activity.res_id)
        readers = self._follower_readers(
            {pid: self.browse(ids) for pid, ids in by_partner.items() if pid}
        )
        activities.filtered(
            lambda a: (a.user_id.partner_id.id, a.res_id) not in readers
        ).unlink()

    # ------------------------------------------------------------------ mail.thread

    def message_subscribe(self, partner_ids=None, subtype_ids=None):
        settled = self.env.cr.cache.get(SETTLED_FOLLOWERS)
        if (
            settled
            and partner_ids
            and not subtype_ids
            and all(
                (self._name, record_id, pid) in settled
                for record_id in self.ids
                for pid in partner_ids
            )
        ):
            return True
        return super().message_subscribe(partner_ids, subtype_ids)

    def _message_subscribe(self, partner_ids=None, subtype_ids=None, customer_ids=None):
        if not self or not partner_ids:
            return super()._message_subscribe(partner_ids, subtype_ids, customer_ids)
        readers = self._follower_readers(dict.fromkeys(partner_ids, self))
        subscribed = defaultdict(list)  # partners -> the records they may read
        for record in self:
            pids = tuple(pid for pid in partner_ids if (pid, record.id) in readers)
            subscribed[pids].append(record.id)
        for pids, record_ids in subscribed.items():
            if pids:
                super(HrPerformanceThread, self.browse(record_ids))._message_subscribe(
                    list(pids), subtype_ids, customer_ids
                )
        return True

    def _message_create(self, values_list):
        """A message names no recipient who may not read its record. The
        values are filtered in place: ``message_post`` notifies from them."""
        named = [
            values
            for values in values_list
            if values.get("partner_ids")
            and values.get("res_id")
            and values.get("model", self._name) == self._name
        ]
        records_by_partner = defaultdict(set)
        for values in named:
            for pid in values["partner_ids"]:
                if isinstance(pid, int):
                    records_by_partner[pid].add(values["res_id"])
        readers = self._follower_readers(
            {pid: self.browse(ids) for pid, ids in records_by_partner.items()}
        )
        for values in named:
            values["partner_ids"] = [
                pid
                for pid in values["partner_ids"]
                if not isinstance(pid, int) or (pid, values["res_id"]) in readers
            ]
        return super()._message_create(values_list)

    def _notify_get_recipients(self, message, msg_vals=False, **kwargs):
        recipients = super()._notify_get_recipients(message, msg_vals, **kwargs)
        if not self or not recipients:
            return recipients
        readers = self._follower_readers({r["id"]: self for r in recipients})
        return [
            recipient
            for recipient in recipients
            if all((recipient["id"], record_id) in readers for record_id in self.ids)
        ]

    # ------------------------------------------------------------------ helpers

    def _subscribe_each(self, partner_of):
        """Each record of ``self`` followed by its own partner
        (``partner_of``: record id → partner id), if that partner may read it,
        with mail's default subtypes (the external ones for portal users):
        what ``message_subscribe`` does one call per partner, in a constant
        number of queries, plus one access check per reader who does not own
        the records."""
        partner_of = {rid: pid for rid, pid in partner_of.items() if pid}
        if not partner_of:
            return
        records_by_partner = defaultdict(list)
        for record_id, pid in partner_of.items():
            records_by_partner[pid].append(record_id)
        readers = self._follower_readers(
            {pid: self.browse(ids) for pid, ids in records_by_partner.items()}
        )
        # sudo: which of these pairs already follow, to add only the others
        existing = {
            (follower.res_id, follower.partner_id.id)
            for follower in self.env["mail.followers"]
            .sudo()
            .search(
                [
                    ("res_model", "=", self._name),
                    ("res_id", "in", list(partner_of)),
                    ("partner_id", "in", list(records_by_partner)),
                ]
            )
        }
        default, _internal, external = self.env[
            "mail.message.subtype"
        ].default_subtypes(self._name)
        # sudo: mail's own follower rows, for readers of the records only
        partners = self.env["res.partner"].sudo().browse(list(records_by_partner))
        shared = set(partners.filtered("partner_share").ids)
        # sudo: the rows message_subscribe would insert (readers checked above)
        self.env["mail.followers"].sudo().create(
            [
                {
                    "res_model": self._name,
                    "res_id": record_id,
                    "partner_id": pid,
                    "subtype_ids": [
                        (6, 0, (external if pid in shared else default).ids)
                    ],
                }
                for record_id, pid in partner_of.items()
                if (pid, record_id) in readers and (record_id, pid) not in existing
            ]
        )

    @contextmanager
    def _followers_settled(self, partner_of):
        """While the block runs, ``message_subscribe`` skips the pairs of
        ``partner_of`` (record id → partner id), settled by
        ``_subscribe_each``."""
        settled = self.env.cr.cache.setdefault(SETTLED_FOLLOWERS, set())
        pairs = {
            (self._name, record_id, pid) for record_id, pid in partner_of.items() if pid
        } - settled
        settled |= pairs
        try:
            yield
        finally:
            settled -= pairs

    def _unfollow_unreaders(self, partners=None):
        """The followers of ``self`` (only ``partners`` among them, if given)
        who may no longer read their record stop following it."""
        if not self:
            return
        domain = [("res_model", "=", self._name), ("res_id", "in", self.ids)]
        if partners is not None:
            domain.append(("partner_id", "in", partners.ids))
        # sudo: the followers of these records, to drop those who may not read them
        self._drop_unreading_followers(self.env["mail.followers"].sudo().search(domain))

    @api.model
    def _unfollow_unreaders_among(self, partners):
        """After a reorganisation: in every model of the addon that keeps
        followers, ``partners`` stop following the records they may no longer
        read. One query finds what they follow, whatever the number of
        records; then one access check per partner's user and model."""
        if not partners:
            return
        names = [
            name
            for name in self.env.registry.descendants([self._name], "_inherit")
            if not self.env[name]._abstract
        ]
        # sudo: which of the addon's records these partners follow
        followers = (
            self.env["mail.followers"]
            .sudo()
            .search([("res_model", "in", names), ("partner_id", "in", partners.ids)])
        )
        for name, model_followers in followers.grouped("res_model").items():
            self.env[name]._drop_unreading_followers(model_followers)

    @api.model
    def _drop_unreading_followers(self, followers):
        """Unlink the ``followers`` (of records of this model, sudo) whose
        partner may not read the record they follow."""
        records_by_partner = defaultdict(list)
        for follower in followers:
            records_by_partner[follower.partner_id.id].append(follower.res_id)
        everything = self.browse(
            {rid for ids in records_by_partner.values() for rid in ids}
        )
        readers = everything._follower_readers(
            {
                pid: everything.filtered(lambda r, ids=set(ids): r.id in ids)
                for pid, ids in records_by_partner.items()
            }
        )
        followers.filtered(
            lambda f: (f.partner_id.id, f.res_id) not in readers
        ).unlink()

    @api.model
    def _follower_readers(self, records_by_partner):
        """The pairs (partner id, record id) of ``records_by_partner`` (a
        partner id → records of this model) where one of the partner's active
        users may read the record. Owners read their records without a query;
        each other user costs one access check for all their records."""
        if not records_by_partner:
            return set()
        owners = self.browse(
            {rid for records in records_by_partner.values() for rid in records.ids}
        )._follower_owners()
        # sudo: which active users stand behind these partners
        users = (
            self.env["res.users"]
            .sudo()
            .with_context(active_test=True)
            .search([("partner_id", "in", list(records_by_partner))])
        )
        pairs = set()
        for user in users:
            partner_id = user.partner_id.id
            records = records_by_partner[partner_id]
            owned = records.filtered(lambda r, uid=user.id: owners.get(r.id) == uid)
            pairs.update((partner_id, record_id) for record_id in owned.ids)
            if user.share:
                continue
            # Each reader with all their companies, not those the caller's
            # context names.
            readable = (
                (records - owned)
                .with_context(allowed_company_ids=user.company_ids.ids)
                .with_user(user)
                ._filtered_access("read")
            )
            pairs.update((partner_id, record_id) for record_id in readable.ids)
        return pairs

    def _follower_owners(self):
        """{record id: the id of the user the record belongs to}."""
        if not self._follower_owner_field:
            return {}
        # sudo: only who owns each record, compared with its followers
        return {
            record.id: record.mapped(self._follower_owner_field).id
            for record in self.sudo()
        }
