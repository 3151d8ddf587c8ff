from odoo import fields, models
from odoo.tools import html2plaintext, is_html_empty

# The step each role writes, and the cycle's deadline of that step.
STEP_OF_ROLE = {
    "self": ("self_review", "self_review_deadline"),
    "manager": ("manager_review", "manager_review_deadline"),
}


class HrPerformanceReview(models.Model):
    """The review writer's data (``static/src/review_writer``): what the
    employee or the manager needs to write their part of a review, in one
    call. Everything is read with the caller's rights; the writer saves
    through ``write`` on the answers and submits through the step's action,
    so every guard of the review applies."""

    _inherit = "hr.performance.review"

    def action_open_writer(self):
        """The review writer on this review (the form's button)."""
        self.ensure_one()
        action = self.env["ir.actions.actions"]._for_xml_id(
            "hr_performance.action_review_writer"
        )
        action["context"] = {"active_id": self.id}
        action["params"] = {"review_id": self.id}
        return action

    def get_writer_data(self):
        """The writer's data for this review, for the current user: the step
        they write (``role``: ``self`` for the employee, ``manager`` for
        whoever leads the review), their answers with each question's
        description, the other role's answers where the record rules show
        them, the rating scale's levels, the goals of the cycle period and,
        for the manager, the proposed rating. A fixed number of queries
        whatever the number of questions or goals."""
        self.ensure_one()
        self.check_access("read")
        role = "manager" if self.is_manager else "self"
        step, deadline_field = STEP_OF_ROLE[role]
        editable = self.state == step and (
            self.is_manager if role == "manager" else self.is_employee
        )
        deadline = self.cycle_id[deadline_field]
        today = fields.Date.context_today(self)
        states = dict(self._fields["state"]._description_selection(self.env))
        return {
            "review": {
                "id": self.id,
                "name": self.display_name,
                "employee": self.employee_id.name,
                "cycle": self.cycle_id.name,
                "state": self.state,
                "state_label": states.get(self.state),
                "role": role,
                "editable": editable,
                "deadline": fields.Date.to_string(deadline) if deadline else False,
                "days_left": (deadline - today).days if deadline else False,
            },
            "levels": [
                {
                    "id": level.id,
                    "name": level.name,
                    "value": level.value,
                    "description": level.description or "",
                }
                for level in self.rating_scale_id.level_ids.sorted("value")
            ],
            "sections": self._writer_sections(),
            "lines": self._writer_lines(role),
            "goals": self._writer_goals(),
            "assessment": self._writer_assessment() if role == "manager" else False,
        }

    def _writer_sections(self):
        return [
            {
                "id": section.id,
                "name": section.name,
                "kind": section.kind,
                "weight": section.weight,
            }
            for section in self.cycle_id.template_id.section_ids.sorted("sequence")
        ]

    def _writer_lines(self, role):
        """The answers of ``role`` the user may read (none of the manager's
        for the employee before the review is shared: record rules), with
        the other role's answer beside each where the rules show it."""
        lines = self.env["hr.performance.review.line"].search(
            [("review_id", "=", self.id), ("role", "=", role)]
        )
        return [
            {
                "id": line.id,
                "section_id": line.section_id.id,
                "name": line.name,
                "description": line.description or "",
                "answer_type": line.answer_type,
                "required": line.required,
                "rating_level_id": line.rating_level_id.id,
                "comment": html2plaintext(line.comment)
                if not is_html_empty(line.comment)
                else "",
                "counterpart_rating": line.counterpart_rating_level_id.name or "",
                "counterpart_comment": html2plaintext(line.counterpart_comment)
                if not is_html_empty(line.counterpart_comment)
                else "",
            }
            for line in lines
        ]

    def _writer_goals(self):
        """The employee's goals overlapping the cycle period that the user
        may read (the employee their own, the manager their reports')."""
        cycle = self.cycle_id
        goals = self.env["hr.performance.goal"].search(
            [
                ("employee_id", "=", self.employee_id.id),
                ("state", "!=", "cancelled"),
                "|",
                ("date_start", "=", False),
                ("date_start", "<=", cycle.date_end),
                "|",
                ("date_deadline", "=", False),
                ("date_deadline", ">=", cycle.date_start),
            ]
        )
        healths = dict(goals._fields["health"]._description_selection(self.env))
        return [
            {
                "id": goal.id,
                "name": goal.name,
                "progress": goal.progress,
                "health": goal.health,
                "health_label": healths.get(goal.health, ""),
                "weight": goal.weight,
                "date_deadline": fields.Date.to_string(goal.date_deadline)
                if goal.date_deadline
                else False,
            }
            for goal in goals
        ]

    def _writer_assessment(self):
        potentials = self._fields["potential"]._description_selection(self.env)
        return {
            "proposed_rating_level_id": self.proposed_rating_level_id.id,
            "potential": self.potential or False,
            "potentials": [list(option) for option in potentials],
            "manager_comment": html2plaintext(self.manager_comment)
            if not is_html_empty(self.manager_comment)
            else "",
        }
