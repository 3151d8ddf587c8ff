from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from ..lib.progress import clamp
from ..lib.scoring import (
    FORMULA_SCORES,
    FormulaError,
    check_section_weights,
    evaluate_formula,
    formula_names,
)


class HrPerformanceReviewTemplate(models.Model):
    _name = "hr.performance.review.template"
    _description = "Review Template"
    _inherit = ["hr.performance.guard.mixin"]
    _order = "sequence, name, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company", index=True, help="Empty: shared by all companies."
    )
    description = fields.Html(translate=True)
    section_ids = fields.One2many(
        "hr.performance.review.template.section",
        "template_id",
        string="Sections",
        copy=True,
    )
    self_review = fields.Boolean(
        default=True, help="The employee rates themselves before the manager does."
    )
    peer_review = fields.Boolean(
        help="Colleagues answer the template's questions about the employee (360)."
    )
    upward_review = fields.Boolean(
        help="Each participant who manages people is reviewed by their direct "
        "reports, anonymously, on the template's questions.",
    )
    score_formula = fields.Char(
        string="Overall Score Formula",
        help="Optional. Leave empty for the weighted sections. Otherwise arithmetic "
        "over these scores (0-100): "
        + ", ".join(f"{name} ({label})" for name, label in FORMULA_SCORES.items())
        + "; with min, max, abs and round. Example: 0.5 * goals + 0.3 * manager + "
        "0.2 * peer. A review missing one of the scores used keeps the weighted sections.",
    )
    rating_scale_id = fields.Many2one(
        "hr.performance.rating.scale",
        help="Empty: the scale of the cycle that uses the template.",
    )
    total_weight = fields.Float(compute="_compute_total_weight")

    @api.depends("section_ids.weight")
    def _compute_total_weight(self):
        for template in self:
            template.total_weight = sum(template.section_ids.mapped("weight"))

    @api.constrains("score_formula")
    def _check_score_formula(self):
        """Refuse, when saved, any formula outside the grammar and the bounds
        of ``lib.scoring``: it is evaluated for every review of a cycle, so
        its cost must be bounded whatever the text."""
        for template in self.filtered("score_formula"):
            try:
                formula_names(template.score_formula)
            except FormulaError as error:
                raise ValidationError(
                    self.env._(
                        "The overall score formula of %(template)s is not valid: %(reason)s.",
                        template=template.name,
                        reason=self._formula_error_reason(error),
                    )
                ) from error

    def _formula_score(self, scores):
        """The template's formula over the named ``scores``, clamped to
        0-100; None when it uses a score the review lacks or cannot be
        computed. A formula outside the bounds of ``lib.scoring`` (one stored
        before them, or by SQL) is None too: its cost is never paid, and the
        review keeps the weighted sections."""
        self.ensure_one()
        try:
            value = evaluate_formula(self.score_formula, scores)
        except ValueError:
            return None
        return None if value is None else clamp(value)

    def _formula_error_reason(self, error):
        """Why ``lib.scoring`` refused a formula, in the user's language."""
        params = error.params
        reasons = {
            "syntax": lambda: self.env._("it is not a valid arithmetic expression"),
            "too_long": lambda: self.env._(
                "it is longer than %(limit)s characters", **params
            ),
            "too_deep": lambda: self.env._(
                "it is nested deeper than %(limit)s levels", **params
            ),
            "too_big": lambda: self.env._(
                "it has more than %(limit)s numbers, scores and operations", **params
            ),
            "forbidden": lambda: self.env._(
                "%(part)s is not allowed (only + - * /, numbers, scores, min, max, "
                "abs and round)",
                **params,
            ),
            "not_a_number": lambda: self.env._(
                "%(part)s is not a number; only numbers may appear as constants",
                **params,
            ),
            "too_many_digits": lambda: self.env._(
                "the number %(number)s has more than %(limit)s significant digits",
                **params,
            ),
            "number_too_large": lambda: self.env._(
                "the number %(number)s is beyond ±%(limit)s", **params
            ),
            "function": lambda: self.env._(
                "only these functions may be called: %(functions)s", **params
            ),
            "min_max_arguments": lambda: self.env._(
                "%(function)s takes two values or more", **params
            ),
            "abs_arguments": lambda: self.env._("abs takes one value"),
            "round_arguments": lambda: self.env._(
                "round takes a value and, optionally, a number of decimals from 0 "
                "to %(limit)s written as a whole number",
                **params,
            ),
            "unknown_name": lambda: self.env._(
                "%(name)s is not a score; the scores are %(scores)s",
                name=params["name"],
                scores=", ".join(FORMULA_SCORES),
            ),
        }
        return reasons[error.code]()

    def copy_data(self, default=None):
        vals_list = super().copy_data(default=default)
        if "name" not in (default or {}):
            for template, vals in zip(self, vals_list, strict=True):
                vals["name"] = self.env._("%(name)s (copy)", name=template.name)
        return vals_list

    def _ensure_usable(self):
        """Raise unless each template can run a review: section weights
        positive and summing to 100 %, and questions where a section needs
        them. Checked when a template is put to use, not on each line write,
        so that a template can be edited freely in between."""
        for template in self:
            try:
                check_section_weights(template.section_ids.mapped("weight"))
            except ValueError as error:
                raise UserError(
                    self.env._(
                        "The review template %(template)s cannot be used: %(reason)s.",
                        template=template.name,
                        reason=self._weight_message(template),
                    )
                ) from error
            empty = template.section_ids.filtered(
                lambda s: s.kind in ("competencies", "questions") and not s.question_ids
            )
            if empty:
                raise UserError(
                    self.env._(
                        "The review template %(template)s cannot be used: the section %(section)s has no question.",
                        template=template.name,
                        section=empty[0].name,
                    )
                )

    def _weight_message(self, template):
        weights = template.section_ids.mapped("weight")
        if not weights:
            return self.env._("it has no section")
        if any(weight <= 0 for weight in weights):
            return self.env._("every section needs a positive weight")
        return self.env._(
            "its section weights sum to %(total)s %% instead of 100 %%",
            total=round(sum(weights), 2),
        )
