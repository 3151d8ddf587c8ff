from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

CHECKIN_KINDS = [
    ("weekly", "Weekly Check-in"),
    ("one_on_one", "One-on-One"),
    ("project_debrief", "Project Debrief"),
    ("quarterly", "Quarterly Conversation"),
]
# The mood as a face scale; 0 (not asked) shows as no face: "not set".
MOOD_FACES = [
    ("1", "😞 Struggling"),
    ("2", "😟 Low"),
    ("3", "😐 Fine"),
    ("4", "😊 Good"),
    ("5", "😀 Great"),
]


def _topic(name):
    """An agenda topic as people would compare it: case and spacing aside."""
    return " ".join((name or "").split()).casefold()


class HrPerformanceCheckin(models.Model):
    _name = "hr.performance.checkin"
    _description = "Check-in"
    _inherit = [
        "hr.performance.thread",
        "mail.activity.mixin",
        "hr.performance.activity.mixin",
        "hr.performance.led.mixin",
        "hr.performance.guard.mixin",
    ]
    _order = "date desc, id desc"
    _check_company_auto = True
    _system_fields = ("state",)
    # Outside HR, the manager comes from the org chart.
    _privileged_fields = ("manager_id",)
    _subject_field = "employee_id"
    _follower_access_fields = (
        "employee_id",
        "manager_id",
        "manager_user_id",
        "company_id",
    )
    _follower_owner_field = "employee_id.user_id"

    employee_id = fields.Many2one(
        "hr.employee",
        required=True,
        index=True,
        ondelete="restrict",
        check_company=True,
        tracking=True,
        default=lambda self: self.env.user.employee_id,
    )
    manager_id = fields.Many2one(
        "hr.employee",
        index=True,
        ondelete="restrict",
        check_company=True,
        compute="_compute_manager_id",
        store=True,
        readonly=False,
        precompute=True,
        tracking=True,
    )
    manager_user_id = fields.Many2one(
        "res.users",
        compute="_compute_manager_user_id",
        store=True,
        precompute=True,
        index=True,
        help="The manager's user when the check-in was set up: a snapshot, so that "
        "a later reorganisation does not move who led past conversations.",
    )
    company_id = fields.Many2one(
        related="employee_id.company_id", store=True, index=True
    )
    active = fields.Boolean(default=True)
    date = fields.Date(
        required=True, default=fields.Date.context_today, index=True, tracking=True
    )
    kind = fields.Selection(
        CHECKIN_KINDS, required=True, default="one_on_one", tracking=True
    )
    state = fields.Selection(
        [("planned", "Planned"), ("done", "Done"), ("cancelled", "Cancelled")],
        default="planned",
        required=True,
        tracking=True,
        copy=False,
        index=True,
    )
    development_item_ids = fields.Many2many(
        "hr.performance.development.item",
        compute="_compute_development_item_ids",
        string="Development Actions",
        help="The open actions of the employee's active development plans, to "
        "review together.",
    )
    agenda_item_ids = fields.One2many(
        "hr.performance.checkin.item", "checkin_id", string="Agenda", copy=True
    )
    open_item_count = fields.Integer(compute="_compute_open_item_count")
    action_item_ids = fields.One2many(
        "hr.performance.checkin.action", "checkin_id", string="Action Items"
    )
    goal_update_ids = fields.One2many(
        "hr.performance.goal.update", "checkin_id", string="Goal Updates"
    )
    private_note_ids = fields.One2many(
        "hr.performance.checkin.note",
        "checkin_id",
        string="Private Notes",
        help="Only the employee's managers and HR read these notes.",
    )
    notes = fields.Html(
        string="Shared Notes", help="Visible to the employee and the managers."
    )
    mood = fields.Integer(
        help="How the employee feels, from 1 (struggling) to 5 (great); 0 when not asked."
    )
    mood_face = fields.Selection(
        MOOD_FACES,
        compute="_compute_mood_face",
        inverse="_inverse_mood_face",
        help="The mood on a face scale; empty (not set) when not asked.",
    )
    can_lead = fields.Boolean(
        compute="_compute_can_lead", help="The current user leads this check-in."
    )

    _sql_constraints = [
        (
            "mood_range",
            "CHECK(mood IS NULL OR mood BETWEEN 0 AND 5)",
            "The mood goes from 1 to 5.",
        ),
    ]

    @api.depends("employee_id")
    def _compute_manager_id(self):
        for checkin in self:
            checkin.manager_id = checkin.employee_id.parent_id

    @api.depends("manager_id")
    def _compute_manager_user_id(self):
        for checkin in self:
            checkin.manager_user_id = checkin.manager_id.user_id

    @api.depends("mood")
    def _compute_mood_face(self):
        for checkin in self:
            checkin.mood_face = str(checkin.mood) if checkin.mood else False

    def _inverse_mood_face(self):
        for checkin in self:
            checkin.mood = int(checkin.mood_face or 0)

    @api.depends_context("uid")
    def _compute_can_lead(self):
        for checkin in self:
            checkin.can_lead = checkin._leads()

    @api.depends("agenda_item_ids.done")
    def _compute_open_item_count(self):
        for checkin in self:
            checkin.open_item_count = len(
                checkin.agenda_item_ids.filtered(lambda i: not i.done)
            )

    @api.depends("kind", "employee_id", "date")
    def _compute_display_name(self):
        kinds = dict(self._fields["kind"]._description_selection(self.env))
        for checkin in self:
            checkin.display_name = self.env._(
                "%(kind)s with %(employee)s",
                kind=kinds.get(checkin.kind, ""),
                employee=checkin.employee_id.name or "",
            )

    @api.constrains("employee_id", "manager_id")
    def _check_people(self):
        for checkin in self:
            if checkin.manager_id and checkin.manager_id == checkin.employee_id:
                raise ValidationError(
                    self.env._(
                        "%(employee)s cannot hold a check-in with themselves.",
                        employee=checkin.employee_id.name,
                    )
                )

    @api.constrains("mood")
    def _check_mood(self):
        for checkin in self:
            if checkin.mood and not 1 <= checkin.mood <= 5:
                raise ValidationError(
                    self.env._("The mood goes from 1 (struggling) to 5 (great).")
                )

    @api.model_create_multi
    def create(self, vals_list):
        vals_list = self._completed_vals(vals_list)
        for vals in vals_list:
            mood = vals.get("mood") or 0
            if not 0 <= mood <= 5:
                raise ValidationError(
                    self.env._("The mood goes from 1 (struggling) to 5 (great).")
                )
            if vals.get("employee_id") and vals.get("employee_id") == vals.get(
                "manager_id"
            ):
                raise ValidationError(
                    self.env._("Nobody can hold a check-in with themselves.")
                )
        checkins = super().create(vals_list)
        checkins.filtered(lambda c: c.state == "planned")._pull_open_items()
        return checkins

    def _guard_created(self):
        # HR on their own check-ins is an employee: the manager is the org chart's.
        for checkin in self:
            # sudo: compares with the org chart's manager, unreadable to employees
            if (
                not checkin._is_privileged()
                and checkin.manager_id != checkin.employee_id.sudo().parent_id
            ):
                raise AccessError(
                    self.env._(
                        "A check-in is held between an employee and their manager."
                    )
                )

    @api.ondelete(at_uninstall=False)
    def _unlink_except_held(self):
        self._ensure_not_held()

    def _ensure_not_held(self):
        """A held conversation is history, for HR too: its agenda, notes and
        actions stay with it; archive it instead."""
        if not self.env.su and self.filtered(lambda c: c.state == "done"):
            raise UserError(
                self.env._(
                    "A check-in that took place is kept as it was: archive it instead."
                )
            )

    # ------------------------------------------------------------------ actions

    def write(self, vals):
        if set(vals) - {"active"}:
            # A held conversation is kept as it was (archiving aside).
            self._ensure_not_held()
        if "mood" in vals and not 0 <= (vals["mood"] or 0) <= 5:
            raise ValidationError(
                self.env._("The mood goes from 1 (struggling) to 5 (great).")
            )
        if self._is_privileged():
            return super().write(vals)
        # Participants write the conversation; its outcome goes through the
        # action methods and who leads it follows the org chart.
        if {"state", "manager_user_id"} & set(vals):
            raise UserError(
                self.env._("Use the check-in's buttons to change its status.")
            )
        moving = {"employee_id", "manager_id"} & set(vals)
        if moving:
            self._ensure_leads(
                self.env._("Only the employee's manager can do this on the check-in.")
            )
            if "employee_id" in vals and "manager_id" not in vals:
                employee = self.env["hr.employee"].browse(vals["employee_id"])
                # sudo: only the parent's id; the move is re-checked after the write
                vals["manager_id"] = employee.sudo().parent_id.id
        result = super().write(vals)
        if moving:
            self._ensure_moved_within_reach()
        return result

    def _ensure_moved_within_reach(self):
        """After a move, the check-in is still one its writer leads, held with
        the employee's manager of the org chart."""
        for checkin in self:
            # sudo: compares with the org chart's manager, unreadable to employees
            if (
                checkin.manager_id != checkin.employee_id.sudo().parent_id
                or not checkin._leads()
            ):
                raise AccessError(
                    self.env._(
                        "A check-in is held between an employee and their manager, and only moved within your team."
                    )
                )

    def action_done(self):
        wrong = self.filtered(lambda c: c.state != "planned")
        if wrong:
            raise UserError(self.env._("Only a planned check-in can be completed."))
        self._ensure_leads(
            self.env._("Only the employee's manager can do this on the check-in.")
        )
        # sudo: state is system-only; _ensure_leads() passed above
        self.sudo().write({"state": "done"})
        self.action_item_ids._schedule_activities()
        self._push_open_items()
        # The chatter keeps who held the check-in and when.
        self.activity_feedback(["hr_performance.mail_activity_type_checkin_due"])
        return True

    def action_cancel(self):
        if self.filtered(lambda c: c.state != "planned"):
            raise UserError(self.env._("Only a planned check-in can be cancelled."))
        self._ensure_leads(
            self.env._("Only the employee's manager can do this on the check-in.")
        )
        # sudo: state is system-only; _ensure_leads() passed above
        self.sudo().write({"state": "cancelled"})
        self.activity_unlink(["hr_performance.mail_activity_type_checkin_due"])
        return True

    def action_reset_planned(self):
        if self.filtered(lambda c: c.state != "cancelled"):
            raise UserError(
                self.env._("Only a cancelled check-in can be planned again.")
            )
        self._ensure_leads(
            self.env._("Only the employee's manager can do this on the check-in.")
        )
        # sudo: state is system-only; _ensure_leads() passed above
        self.sudo().write({"state": "planned"})
        return True

    # ------------------------------------------------------------------ agenda carry-over

    def _open_items_to_carry(self, employees):
        return self.env["hr.performance.checkin.item"].search(
            [
                ("checkin_id.employee_id", "in", employees.ids),
                ("checkin_id.state", "=", "done"),
                ("done", "=", False),
                ("carried_over", "=", False),
            ]
        )

    def _carry(self, items, targets_by_employee):
        """Copy each open item onto its employee's target check-in, once. A topic
        the target already has on its agenda (same wording) is not added twice."""
        vals_list = []
        carried = self.env["hr.performance.checkin.item"]
        on_agenda = {
            (target, _topic(name))
            for target in targets_by_employee.values()
            for name in target.agenda_item_ids.mapped("name")
        }
        for item in items:
            target = targets_by_employee.get(item.checkin_id.employee_id)
            if not target or target == item.checkin_id:
                continue
            carried |= item
            if (target, _topic(item.name)) in on_agenda:
                continue
            on_agenda.add((target, _topic(item.name)))
            vals_list.append(
                {
                    "checkin_id": target.id,
                    "name": item.name,
                    "author_user_id": item.author_user_id.id,
                    "carried_from_id": item.id,
                }
            )
        if vals_list:
            # sudo: system-only carry-over fields; the items were searched as the user
            self.env["hr.performance.checkin.item"].sudo().create(vals_list)
        if carried:
            # sudo: system-only flag; the items were searched as the user
            carried.sudo().carried_over = True

    def _pull_open_items(self):
        """A new planned check-in takes the open items of the employee's past ones."""
        targets = {checkin.employee_id: checkin for checkin in self}
        self._carry(self._open_items_to_carry(self.employee_id), targets)

    def _push_open_items(self):
        """Open items of a completed check-in move to the employee's next planned one."""
        planned = self.search(
            [("employee_id", "in", self.employee_id.ids), ("state", "=", "planned")],
            order="date desc, id desc",
        )
        targets = {
            checkin.employee_id: checkin for checkin in planned
        }  # the earliest wins
        self._carry(self._open_items_to_carry(self.employee_id), targets)

    # ------------------------------------------------------------------ cron

    @api.model
    def _cron_checkin_due(self):
        """For each employee whose check-in is overdue, make sure a planned
        check-in exists with one "Check-in due" activity for the manager; never
        a second one. Constant number of queries, whatever the population."""
        today = fields.Date.context_today(self)
        employees = self.env["hr.employee"].search(
            [("next_checkin_date", "<", today), ("parent_id.user_id", "!=", False)]
        )
        if not employees:
            return
        planned = {}
        for checkin in self.search(
            [("employee_id", "in", employees.ids), ("state", "=", "planned")],
            order="date desc, id desc",
        ):
            planned[checkin.employee_id] = checkin  # the earliest wins
        missing = employees.filtered(lambda e: e not in planned)
        for checkin in self.create(
            [
                {"employee_id": employee.id, "date": today, "kind": "one_on_one"}
                for employee in missing
            ]
        ):
            planned[checkin.employee_id] = checkin
        self.browse([c.id for c in planned.values()])._schedule_activity_once(
            "hr_performance.mail_activity_type_checkin_due",
            today,
            lambda checkin: (
                checkin.manager_user_id or checkin.employee_id.parent_id.user_id
            ),
            lambda checkin: self.env._(
                "Check-in with %(employee)s is due", employee=checkin.employee_id.name
            ),
        )

    @api.depends("employee_id")
    def _compute_development_item_ids(self):
        items = self.env["hr.performance.development.item"].search(
            [
                ("employee_id", "in", self.employee_id.ids),
                ("plan_id.state", "=", "active"),
                ("state", "in", ("todo", "in_progress")),
            ]
        )
        by_employee = items.grouped("employee_id")
        for checkin in self:
            checkin.development_item_ids = by_employee.get(
                checkin.employee_id, items.browse()
            )

    @api.model
    def _portal_domain(self):
        """The check-ins the portal shows the current user: their own, the
        employee's part of the ``checkin_rule_user`` record rule."""
        return [("employee_id.user_id", "=", self.env.uid)]
