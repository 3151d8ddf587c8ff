from collections import defaultdict
from contextlib import contextmanager

from psycopg2.errors import QueryCanceled

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.osv import expression
from odoo.tools import SQL
from odoo.tools.safe_eval import safe_eval, time

from ..lib.kpi import DomainError, aggregate_spec, parse_domain, period_bounds

AGGREGATES = [("count", "Count"), ("sum", "Sum"), ("avg", "Average")]
NUMERIC_TYPES = ("integer", "float", "monetary")
DATE_TYPES = ("date", "datetime")
OWNER_MODELS = ("res.users", "hr.employee")
# What a KPI measures (its name and description are only words).
DEFINITION_FIELDS = frozenset(
    {"model_id", "domain", "aggregate", "field_id", "date_field_id", "owner_field_id"}
)


class HrPerformanceKpi(models.Model):
    """A key result measured from the ERP's own records: an aggregate over a
    model, a domain and the goal's period, optionally for the goal's owner.

    The addon's own small model rather than ``gamification.goal.definition``:
    gamification is not a dependency (it brings badges, challenges and karma
    menus), and its definitions also allow a Python-code mode and are computed
    as superuser, while a data goal never runs typed code and is computed with
    its owner's rights (README, "Data key results")."""

    _name = "hr.performance.kpi"
    _description = "Key Result Measure (KPI)"
    _inherit = ["hr.performance.guard.mixin"]
    _order = "sequence, name, id"
    _text_limits = {"name": 256, "domain": 4000, "description": 5000}
    # A measure that runs longer is stopped: one costly filter must not hold
    # the daily job (and the database) for everyone.
    _measure_timeout_ms = 60000

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    description = fields.Text(translate=True)
    company_id = fields.Many2one(
        "res.company", index=True, help="Empty: shared by all companies."
    )
    # ``set null``, not ``cascade``: when the app of the model is uninstalled
    # (or a field renamed), the KPI stays and its goals say what broke.
    model_id = fields.Many2one(
        "ir.model",
        ondelete="set null",
        domain=[("transient", "=", False)],
        help="The records that are measured, e.g. Leads/Opportunities.",
    )
    model_name = fields.Char(related="model_id.model", store=True, string="Model Name")
    domain = fields.Char(
        default="[]",
        help="Which records count; literal values only (no code, no variables).",
    )
    aggregate = fields.Selection(AGGREGATES, required=True, default="count")
    field_id = fields.Many2one(
        "ir.model.fields",
        ondelete="set null",
        domain="[('model_id', '=', model_id), ('ttype', 'in', ('integer', 'float', "
        "'monetary')), ('store', '=', True)]",
        help="The number summed or averaged (not needed to count).",
    )
    date_field_id = fields.Many2one(
        "ir.model.fields",
        ondelete="set null",
        domain="[('model_id', '=', model_id), ('ttype', 'in', ('date', 'datetime')), "
        "('store', '=', True)]",
        help="Only records dated inside the goal's period count.",
    )
    owner_field_id = fields.Many2one(
        "ir.model.fields",
        ondelete="set null",
        domain="[('model_id', '=', model_id), ('ttype', 'in', ('many2one', "
        "'many2many')), ('relation', 'in', ('res.users', 'hr.employee')), "
        "('store', '=', True)]",
        help="A user or employee field equal to the goal's owner, e.g. the "
        "salesperson of an opportunity (or one of the assignees of a task). "
        "Empty: everything the owner may read counts.",
    )
    # The names as they were chosen: they stay when a field disappears (its
    # ir.model.fields row goes, the link empties), to say which one broke.
    field_name = fields.Char(
        related="field_id.name", store=True, string="Measured Field Name"
    )
    date_field_name = fields.Char(
        related="date_field_id.name", store=True, string="Date Field Name"
    )
    owner_field_name = fields.Char(
        related="owner_field_id.name", store=True, string="Owner Field Name"
    )
    currency_id = fields.Many2one(
        "res.currency",
        compute="_compute_currency_id",
        help="The currency of a monetary field (the company's).",
    )
    goal_count = fields.Integer(compute="_compute_goal_count")

    @api.depends("field_id", "aggregate", "company_id")
    def _compute_currency_id(self):
        for kpi in self:
            kpi.currency_id = (
                (kpi.company_id or self.env.company).currency_id
                if kpi.field_id.ttype == "monetary" and kpi.aggregate != "count"
                else False
            )

    def _compute_goal_count(self):
        counts = dict(
            self.env["hr.performance.goal"]._read_group(
                [("kpi_id", "in", self.ids)], ["kpi_id"], ["__count"]
            )
        )
        for kpi in self:
            kpi.goal_count = counts.get(kpi, 0)

    @api.constrains(
        "model_id", "domain", "aggregate", "field_id", "date_field_id", "owner_field_id"
    )
    def _check_definition(self):
        for kpi in self:
            error = kpi._definition_error()
            if error:
                raise ValidationError(error)

    def write(self, vals):
        if self.env.su or not DEFINITION_FIELDS & set(vals):
            return super().write(vals)
        # sudo: the goals these KPIs measure, whoever owns them
        goals = (
            self.env["hr.performance.goal"]
            .sudo()
            .with_context(active_test=False)
            .search([("kpi_id", "in", self.ids), ("progress_mode", "=", "data")])
        )
        if goals.company_id - self.env.companies:
            raise UserError(
                self.env._(
                    "These KPIs also measure goals of companies you do not work in: "
                    "duplicate one to change what it measures."
                )
            )
        result = super().write(vals)
        # Who changes what a KPI measures sets the measure of its goals: from
        # now on only records they may read too are counted (README).
        goals.write({"data_definer_id": self.env.uid})
        return result

    # ------------------------------------------------------------------ checks

    def _definition_error(self):
        """What is wrong with the definition as the registry stands now (an
        app uninstalled, a field renamed), or ``False``. Never runs the
        domain: it is parsed as a literal and checked against the fields."""
        self.ensure_one()
        if not self.model_id or self.model_name not in self.env:
            return self.env._(
                "%(kpi)s: its model no longer exists (was its app uninstalled?).",
                kpi=self.name,
            )
        Model = self.env[self.model_name]
        if Model._abstract or Model._transient or not Model._auto:
            return self.env._(
                "%(kpi)s: %(model)s cannot be measured.",
                kpi=self.name,
                model=self.model_name,
            )
        checks = (
            ("field", NUMERIC_TYPES, None, self.aggregate != "count"),
            ("date_field", DATE_TYPES, None, False),
            ("owner_field", ("many2one", "many2many"), OWNER_MODELS, False),
        )
        for prefix, types, relations, required in checks:
            field, name = self[f"{prefix}_id"], self[f"{prefix}_name"]
            error = self._field_error(Model, field, name, types, relations, required)
            if error:
                return error
        try:
            domain = parse_domain(self.domain)
            # Builds the SQL without running it: unknown fields and operators fail.
            expression.expression(domain, Model)
        except DomainError as error:
            return self.env._(
                "%(kpi)s: the filter is not a plain domain (%(reason)s); use literal values only.",
                kpi=self.name,
                reason=error.code,
            )
        except (ValueError, TypeError, KeyError, AssertionError) as error:
            return self.env._(
                "%(kpi)s: the filter no longer fits %(model)s (%(reason)s).",
                kpi=self.name,
                model=self.model_name,
                reason=str(error)[:200],
            )
        return False

    def _field_error(self, Model, field, name, types, relations, required):
        if not field and name:
            return self.env._(
                "%(kpi)s: the field %(field)s no longer exists on %(model)s.",
                kpi=self.name,
                field=name,
                model=self.model_name,
            )
        if not field:
            if required:
                return self.env._(
                    "%(kpi)s: choose the field to sum or average.", kpi=self.name
                )
            return False
        model_field = Model._fields.get(field.name)
        if field.model != self.model_name or not model_field:
            return self.env._(
                "%(kpi)s: the field %(field)s no longer exists on %(model)s.",
                kpi=self.name,
                field=field.name,
                model=self.model_name,
            )
        if (
            not model_field.store
            or model_field.type not in types
            or (relations and model_field.comodel_name not in relations)
        ):
            return self.env._(
                "%(kpi)s: the field %(field)s cannot be used here.",
                kpi=self.name,
                field=field.name,
            )
        return False

    # ------------------------------------------------------------------ values

    def _measure(self, goals):
        """``{goal: (value, error)}`` for the data goals of this KPI, each
        computed with the rights of the goal's user (never as superuser),
        counting only the records that who set the goal's measure may read too.

        Goals are grouped by period, by who set their measure and by the
        record rules their users get (the rules evaluated for each user): a
        group costs one ``_read_group`` grouped by the owner field, whatever
        its size. Users whose rules differ (e.g. "own documents only") fall
        into groups of their own."""
        self.ensure_one()
        results, groups = {}, defaultdict(list)
        users = goals.mapped(lambda g: g._data_user())
        signatures = self._rule_signatures(users)
        for goal in goals:
            user = goal._data_user()
            error = user and goal._data_setup_error()
            if error:
                results[goal] = (None, error)
                continue
            if not user:
                results[goal] = (
                    None,
                    self.env._(
                        "%(goal)s has no user whose rights could compute it.",
                        goal=goal.name,
                    ),
                )
                continue
            # A measure set by its owner (or by the application) is limited
            # by the owner's rights alone: such goals group together.
            definer = goal._data_definer()
            if definer == user or definer._is_superuser():
                definer = definer.browse()
            key = (
                goal.date_start,
                goal.date_deadline,
                goal.company_id,
                definer,
                signatures.get(user, ("user", user.id)),
            )
            groups[key].append((goal, user))
        for (start, deadline, company, definer, _sign), members in groups.items():
            results.update(
                self._measure_group(start, deadline, company, definer, members)
            )
        return results

    def _as_user(self, user, company):
        """The KPI's model as ``user`` in the goal's company only (the goal's
        readers are of that company), whoever asked."""
        return (
            self.env[self.model_name]
            .with_user(user)
            .with_context(allowed_company_ids=company.ids or user.company_id.ids)
        )

    def _period_domain(self, date_start, date_deadline):
        domain = parse_domain(self.domain)
        if self.date_field_id:
            lower, upper = period_bounds(
                date_start, date_deadline, self.date_field_id.ttype == "datetime"
            )
            name = self.date_field_id.name
            domain = expression.AND(
                [domain]
                + ([[(name, ">=", lower)]] if lower else [])
                + ([[(name, "<", upper)]] if upper else [])
            )
        return domain

    def _readable_by(self, Model, domain):
        """``domain`` limited to what ``Model``'s user may read: their model
        access, the fields measured, and their record rules (as a subquery,
        so that they apply on top of the measuring user's own)."""
        Model.check_field_access_rights("read", self._measured_fields())
        return [("id", "in", Model._search(domain))]

    def _measured_fields(self):
        """The fields a measure reads: ``_read_group`` checks no field's groups."""
        return [
            name
            for name in (self.field_name, self.date_field_name, self.owner_field_name)
            if name
        ]

    def _measure_group(self, date_start, date_deadline, company, definer, members):
        """One ``_read_group`` as the first member's user, who gets the same
        rules as the others; grouped by the owner field when there is one.
        Bounded in time: a filter too costly for the database gives a message
        for its goals, not a job that never ends."""
        user = members[0][1]
        Model = self._as_user(user, company)
        domain = self._period_domain(date_start, date_deadline)
        reader = user
        try:
            # The measuring user's own rules apply in _read_group; those of
            # who set the measure through the subquery.
            Model.check_field_access_rights("read", self._measured_fields())
            if definer:
                reader = definer
                domain = expression.AND(
                    [domain, self._readable_by(self._as_user(definer, company), domain)]
                )
                reader = user
            # flush=False: the read flushes what it reads (a savepoint's flush
            # would recompute, and track, in a context without the caller's keys).
            with self._time_limit(), self.env.cr.savepoint(flush=False):
                return self._read_values(Model, domain, members)
        except AccessError:
            if reader == user:
                message = self.env._(
                    "%(user)s may not read %(model)s: this goal cannot be measured with their rights.",
                    user=user.name,
                    model=Model._description,
                )
            else:
                message = self.env._(
                    "%(user)s, who set this goal's measure, may not read %(model)s: "
                    "only records both they and the goal's owner may read are counted.",
                    user=reader.name,
                    model=Model._description,
                )
        except QueryCanceled:
            message = self.env._(
                "%(kpi)s took longer than %(seconds)s seconds to measure: simplify its filter.",
                kpi=self.name,
                seconds=self._measure_timeout_ms // 1000,
            )
        return {goal: (None, message) for goal, _user in members}

    def _read_values(self, Model, domain, members):
        spec = aggregate_spec(self.aggregate, self.field_id.name)
        owner_field = self.owner_field_id.name
        if not owner_field:
            [[value]] = Model._read_group(domain, [], [spec])
            return {goal: (value or 0.0, False) for goal, _user in members}
        owners = {
            goal: goal._data_owner_id(self.owner_field_id.relation)
            for goal, _user in members
        }
        rows = Model._read_group(
            expression.AND(
                [domain, [(owner_field, "in", [o for o in owners.values() if o])]]
            ),
            [owner_field],
            [spec],
        )
        values = {owner.id: value for owner, value in rows}
        return {
            goal: (values.get(owners[goal], 0.0) or 0.0, False)
            for goal, _user in members
        }

    @contextmanager
    def _time_limit(self):
        """PostgreSQL's statement timeout for one measure, then as it was."""
        cr = self.env.cr
        cr.execute("SHOW statement_timeout")
        [previous] = cr.fetchone()
        cr.execute(SQL("SET LOCAL statement_timeout = %s", self._measure_timeout_ms))
        try:
            yield
        finally:
            cr.execute(SQL("SET LOCAL statement_timeout = %s", previous))

    def _rule_signatures(self, users):
        """For each user, the record rules of the KPI's model and of every
        model its filter goes through (``partner_id.country_id``: their rules
        apply to the search too), as evaluated for that user, and the user's
        groups: users with the same signature read the same records, so one
        query may serve them all. Users are measured one by one (no
        signature) when the model or a path has ``_inherits`` (the parent's
        rules apply) or goes through a field that is not stored (searched by
        code, which may depend on the user: "my followed", "my favourites")."""
        models_, per_user = self._filter_models()
        if per_user:
            return {}
        # sudo: the rules' definitions, never records of the measured model
        rules = (
            self.env["ir.rule"]
            .sudo()
            .search(
                [("model_id.model", "in", sorted(models_)), ("perm_read", "=", True)]
            )
        )
        users.mapped("groups_id")
        users.mapped("company_ids")
        signatures = {}
        for user in users:
            groups = frozenset(user.groups_id.ids)
            context = {
                # As ir.rule evaluates them: the user, not the superuser.
                "user": self.env(user=user.id, su=False, context={}).user,
                "time": time,
                "company_ids": user.company_ids.ids,
                "company_id": user.company_id.id,
            }
            evaluated = []
            try:
                for rule in rules:
                    if rule.groups and not set(rule.groups.ids) & groups:
                        continue
                    domain = safe_eval(rule.domain_force or "[]", context)
                    evaluated.append((rule.id, repr(domain)))
            except Exception:
                continue
            # The companies too: they are the context of the read (company-
            # dependent fields), whether or not a rule names them.
            signatures[user] = (
                groups,
                user.company_id.id,
                frozenset(user.company_ids.ids),
                tuple(evaluated),
            )
        return signatures

    def _filter_models(self):
        """``(models, per_user)``: the KPI's model and the models its filter's
        paths lead to, and whether the filter's search may depend on the user
        beyond record rules (``_inherits``, a field that is not stored)."""
        Model = self.env[self.model_name]
        models_, per_user = {self.model_name}, bool(Model._inherits)
        for leaf in parse_domain(self.domain):
            if not isinstance(leaf, tuple):
                continue
            Model = self.env[self.model_name]
            for name in leaf[0].split("."):
                field = Model._fields.get(name)
                if not field:
                    break
                per_user = per_user or not field.store
                if not field.relational:
                    break
                models_.add(field.comodel_name)
                Model = self.env[field.comodel_name]
                per_user = per_user or bool(Model._inherits)
        return models_, per_user

    def action_open_goals(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Goals measured by %(kpi)s", kpi=self.name),
            "res_model": "hr.performance.goal",
            "view_mode": "list,form",
            "domain": [("kpi_id", "=", self.id)],
            "context": {"default_progress_mode": "data", "default_kpi_id": self.id},
        }
