from odoo import SUPERUSER_ID, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import SQL

from ..lib.kpi import value_changed
from .batch import each_or_alone

# What a data goal measures: its KPI, its period and whose records (the owner).
# Whoever sets one of them becomes the goal's measure setter.
DATA_DEFINITION_FIELDS = frozenset(
    {
        "progress_mode",
        "kpi_id",
        "date_start",
        "date_deadline",
        "scope",
        "employee_id",
        "department_id",
        "user_id",
    }
)


class HrPerformanceGoal(models.Model):
    """Data key results: a goal whose current value is measured from the
    ERP's records by a KPI (``hr.performance.kpi``), with its owner's rights.
    A refresh that changes the value records a goal update, so history,
    health, forecast and reminders work as for a metric goal.

    The value is stored on the goal, where others read it (the manager, HR,
    a team's or a company's members). So only records that *both* the owner
    and the person who set the measure (KPI, period, owner) may read are
    counted: nobody can point someone else's goal at records and read back
    an aggregate of what only that person may see (SECURITY.md)."""

    _inherit = "hr.performance.goal"
    _system_fields = ("state", "data_error", "data_broken", "data_refresh_date")

    kpi_id = fields.Many2one(
        "hr.performance.kpi",
        string="KPI",
        index="btree_not_null",
        ondelete="restrict",
        tracking=True,
        help="How the current value is measured from data (progress mode Data).",
    )
    data_error = fields.Text(
        copy=False,
        readonly=True,
        help="Why the last refresh gave no value; empty when it worked.",
    )
    data_broken = fields.Boolean(
        string="Definition Broken",
        copy=False,
        readonly=True,
        help="The KPI no longer fits the database (an app uninstalled, a field "
        "renamed): the daily refresh skips the goal until it is fixed and "
        "refreshed by hand.",
    )
    data_refresh_date = fields.Datetime(
        string="Last Refresh", copy=False, readonly=True
    )
    data_currency_id = fields.Many2one(related="kpi_id.currency_id", string="Currency")
    # Set by the application on every change of the measure, never typed: a
    # user's value is replaced (create) or refused (write).
    data_definer_id = fields.Many2one(
        "res.users",
        string="Measure Set By",
        copy=False,
        readonly=True,
        ondelete="set null",
        help="Who last chose the KPI, the period or the owner of the goal: only "
        "records both they and the owner may read are counted.",
    )
    data_user_id = fields.Many2one(
        "res.users",
        string="Measured As",
        copy=False,
        readonly=True,
        ondelete="set null",
        help="The owner's user when the measure was set: if the owner's user "
        "changes, the measure must be set again.",
    )

    def init(self):
        result = super().init()
        # Data goals made before the measure setter was recorded: measured as
        # they were (the owner's rights alone, as their owner's user of now).
        self.env.cr.execute(
            SQL(
                """UPDATE hr_performance_goal g
                      SET data_definer_id = COALESCE(
                              g.data_definer_id,
                              CASE WHEN g.scope IN ('individual', 'team')
                                   THEN e.user_id ELSE g.user_id END,
                              %s),
                          data_user_id = CASE WHEN g.scope IN ('individual', 'team')
                                              THEN e.user_id ELSE g.user_id END
                     FROM hr_performance_goal g2
                LEFT JOIN hr_employee e ON e.id = g2.employee_id
                    WHERE g2.id = g.id AND g.progress_mode = 'data'
                      AND g.data_user_id IS NULL""",
                SUPERUSER_ID,
            )
        )
        return result

    @api.constrains("progress_mode", "kpi_id")
    def _check_kpi(self):
        for goal in self:
            if goal.progress_mode == "data" and not goal.kpi_id:
                raise ValidationError(
                    self.env._(
                        "The data goal %(goal)s needs a KPI that measures it.",
                        goal=goal.name,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            vals["data_definer_id"] = self.env.uid
        goals = super().create(vals_list)
        data_goals = goals.filtered(lambda g: g.progress_mode == "data")
        if not self.env.su:
            # Judged as created: values, ``default_*`` keys and copies alike.
            data_goals._check_data_start()
        data_goals._stamp_data_user()
        return goals

    def copy_data(self, default=None):
        vals_list = super().copy_data(default)
        for vals in vals_list:
            if vals.get("progress_mode") != "manual":
                # Computed from values, data or sub-goals: the copy computes
                # its own (only a manual progress is typed, so copied).
                vals.pop("progress", None)
            if vals.get("progress_mode") == "data":
                # A copy is measured afresh, from its start.
                vals["current_value"] = vals.get("start_value") or 0.0
        return vals_list

    def _check_data_start(self):
        if any(value_changed(g.start_value, g.current_value) for g in self):
            raise UserError(
                self.env._(
                    "The value of a data goal is measured from data: it starts "
                    "at the start value, then Refresh measures it."
                )
            )

    def _stamp_data_user(self):
        """Remember whose rights measure each goal, as the measure is set:
        a later change of the owner's user (on the employee, the department)
        does not silently measure someone else's records."""
        for user, goals in self.grouped(lambda g: g._data_user()).items():
            # sudo: fields the application sets, never typed
            goals.sudo().write({"data_user_id": user.id})
            # Set by the application itself (demo data, jobs): the owner's.
            system = goals.filtered(lambda g: g.data_definer_id.id == SUPERUSER_ID)
            if user and system:
                system.sudo().write({"data_definer_id": user.id})

    def write(self, vals):
        if {"data_definer_id", "data_user_id"} & set(vals) and not self.env.su:
            raise UserError(
                self.env._("Who set a data goal's measure is recorded, not typed in.")
            )
        defining = bool(DATA_DEFINITION_FIELDS & set(vals))
        if defining:
            vals = dict(vals, data_definer_id=self.env.uid)
        if (
            not self.env.su
            and "current_value" in vals
            and (
                vals.get("progress_mode") == "data"
                or any(
                    goal.progress_mode == "data"
                    and goal.current_value != vals["current_value"]
                    for goal in self
                )
            )
        ):
            raise UserError(
                self.env._(
                    "The value of a data goal is measured from data: use Refresh."
                )
            )
        switching = (
            self.filtered(lambda g: g.progress_mode != "data")
            if vals.get("progress_mode") == "data"
            else self.browse()
        )
        result = super().write(vals)
        # A value typed while the goal was measured by hand does not stay.
        for start, goals in switching.grouped("start_value").items():
            # sudo: the value of a data goal is the application's
            goals.sudo().write({"current_value": start})
        if defining:
            self.filtered(lambda g: g.progress_mode == "data")._stamp_data_user()
        return result

    # ------------------------------------------------------------------ actions

    def action_refresh_data(self):
        """Measure the goals' values now (whoever may change a goal may
        refresh it; the value is computed with the owner's rights). A broken
        definition is tried again: fixed, the goal refreshes daily again."""
        goals = self.filtered(
            lambda g: g.progress_mode == "data" and g.state in ("draft", "active")
        )
        if not goals:
            raise UserError(self.env._("Only open data goals are measured from data."))
        goals.check_access("write")
        # sudo: reads the owners' users and writes the system fields of the
        # refresh; each value is computed with_user(owner), never as superuser.
        # The caller's context stays out (no default_* of theirs on the updates).
        context = {k: v for k, v in self.env.context.items() if k in ("lang", "tz")}
        goals.with_env(self.env(context=context, su=True))._refresh_data()
        return True

    # ------------------------------------------------------------------ refresh

    @api.model
    def _cron_refresh_data(self):
        """Daily: measure every active data goal whose definition works. One
        broken definition never stops the others."""
        # sudo: the refresh writes system fields; values are computed with_user(owner)
        goals = self.sudo().search(
            [
                ("progress_mode", "=", "data"),
                ("state", "=", "active"),
                ("data_broken", "=", False),
            ]
        )
        # A goal whose measure fails (a value PostgreSQL refuses, a date out of
        # range) is logged and skipped: the others are still measured.
        each_or_alone(goals, lambda batch: batch._refresh_data(), "Data refresh of")

    def _refresh_data(self):
        """Measure, then record: one goal update per goal whose value
        changed ("computed from data"), the error of the others, and an
        activity for the responsible of each goal whose KPI broke."""
        values, errors, broken = {}, {}, self.browse()
        for kpi, goals in self.grouped("kpi_id").items():
            error = kpi._definition_error() if kpi else self.env._("No KPI.")
            if error:
                broken |= goals
                errors.update(dict.fromkeys(goals, error))
                continue
            for goal, (value, message) in kpi._measure(goals).items():
                if message:
                    errors[goal] = message
                else:
                    values[goal] = value
        self._record_data_values(values)
        now = fields.Datetime.now()
        outcomes = self.grouped(lambda g: (errors.get(g, False), g in broken))
        for (message, is_broken), goals in outcomes.items():
            goals.write(
                {
                    "data_error": message,
                    "data_broken": is_broken,
                    "data_refresh_date": now,
                }
            )
        broken._schedule_activity_once(
            "mail.mail_activity_data_warning",
            fields.Date.context_today(self),
            lambda goal: goal.user_id,
            lambda goal: self.env._(
                "The KPI of %(goal)s is broken: fix it, then refresh the goal.",
                goal=goal.name,
            ),
        )

    def _record_data_values(self, values):
        """One update per goal whose value changed, created in one batch."""
        today = fields.Date.context_today(self)
        changed = {
            goal: value
            for goal, value in values.items()
            if value_changed(goal.current_value, value)
        }
        if not changed:
            return
        updates = (
            self.env["hr.performance.goal.update"]
            .with_context(mail_notrack=True, hr_performance_data_refresh=True)
            .create(
                [
                    {
                        "goal_id": goal.id,
                        "date": today,
                        "value": value,
                        "note": self.env._("Computed from data"),
                    }
                    for goal, value in changed.items()
                ]
            )
        )
        # Recompute progress, health and forecast now, without tracking: the
        # updates are the history (a later flush, in another context, would
        # post a tracking message on every goal, every day).
        updates.env.flush_all()

    def _data_user(self):
        """Whose rights measure the goal: the owner's user (the responsible
        for a company or department goal)."""
        self.ensure_one()
        if self.scope in ("individual", "team"):
            return self.employee_id.user_id
        return self.user_id

    def _data_definer(self):
        """Whose rights, besides the owner's, limit what is counted: who set
        the measure (the owner, for goals the application made itself)."""
        self.ensure_one()
        return self.data_definer_id

    def _data_setup_error(self):
        """Why the goal cannot be measured as its measure was set, or ``False``."""
        self.ensure_one()
        if not self.data_definer_id:
            return self.env._(
                "Who set the measure of %(goal)s is no longer a user: choose its KPI again.",
                goal=self.name,
            )
        if self._data_user() != self.data_user_id:
            return self.env._(
                "The owner of %(goal)s has another user since its measure was set: "
                "choose its KPI again.",
                goal=self.name,
            )
        return False

    def _data_owner_id(self, relation):
        """The id the KPI's owner field must equal: the owner's user or employee."""
        self.ensure_one()
        if relation == "hr.employee":
            return self.employee_id.id or self._data_user().employee_id[:1].id
        return self._data_user().id
