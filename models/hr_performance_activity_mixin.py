from odoo import models


class HrPerformanceActivityMixin(models.AbstractModel):
    """Batched reminders: one activity of a type per record, never a second one
    while the first is open. Shared by goal, check-in and feedback reminders."""

    _name = "hr.performance.activity.mixin"
    _description = "Performance reminders"

    def _schedule_activity_once(
        self, activity_xmlid, date_deadline, user_of, summary_of, notify=False
    ):
        """Schedule an ``activity_xmlid`` activity on each record of ``self``
        that has none open yet, for ``user_of(record)`` with
        ``summary_of(record)``; records without a user are skipped. Three
        queries whatever the number of records (plus mail's own batches): the
        assignees' subscriptions are batched too (``_subscribe_each``).

        ``notify`` also mails each user an "assigned to you" message; reminder
        jobs leave it off since they may assign many at once and the activity
        itself is the reminder (systray, digest)."""
        if not self:
            return self.env["mail.activity"]
        activity_type = self.env.ref(activity_xmlid)
        # sudo: only which records already have an open activity of this type
        pending = {
            res_id
            for [res_id] in self.env["mail.activity"]
            .sudo()
            ._read_group(
                [
                    ("res_model", "=", self._name),
                    ("res_id", "in", self.ids),
                    ("activity_type_id", "=", activity_type.id),
                ],
                ["res_id"],
            )
        }
        model_id = self.env["ir.model"]._get_id(self._name)
        user_by_record = {
            record.id: user_of(record) for record in self if record.id not in pending
        }
        user_by_record = {rid: user for rid, user in user_by_record.items() if user}
        # Each assignee follows their record, as mail.activity.create would
        # make them one call per user: here in one batch, which it then skips.
        partner_of = {rid: user.partner_id.id for rid, user in user_by_record.items()}
        self._subscribe_each(partner_of)
        with self._followers_settled(partner_of):
            # sudo: private helper; reminders are a server-side effect of checked steps
            return (
                self.env["mail.activity"]
                .sudo()
                .with_context(mail_activity_quick_update=not notify)
                .create(
                    [
                        {
                            "res_model_id": model_id,
                            "res_id": record.id,
                            "activity_type_id": activity_type.id,
                            "automated": True,
                            "user_id": user_by_record[record.id].id,
                            "date_deadline": date_deadline,
                            "summary": summary_of(record),
                        }
                        for record in self
                        if record.id in user_by_record
                    ]
                )
            )
