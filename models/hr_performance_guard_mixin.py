import math

from odoo import api, models
from odoo.exceptions import UserError, ValidationError
from odoo.models import MAGIC_COLUMNS, BaseModel

from .access import is_performance_hr

# PostgreSQL's integer columns (ids, Integer fields) hold 32 bits.
INT_MAX = 2**31 - 1
# Default size limits of user text, per field type; a model narrows or widens
# them for one field with ``_text_limits``.
TEXT_LIMITS = {"char": 1000, "text": 20000, "html": 200000}
NUMBER_TYPES = ("float", "integer", "monetary")


class HrPerformanceGuardMixin(models.AbstractModel):
    """One guard for every model of the addon, whichever way values arrive.

    Over JSON-RPC the caller chooses the values *and* the context: ``default_*``
    keys are applied by ``BaseModel.create`` after an override has looked at
    ``vals``, and record rules are checked before a write, not after. So,
    outside the addon's own superuser code:

    * **system fields** (``_system_fields``, plus every computed or related
      field without an inverse) are set by the application only: dropped from
      the values and from the ``default_*`` keys at creation, refused on write;
    * **later fields** (``_later_fields``) are filled in after creation only
      (the answer of a request): dropped at creation;
    * **fixed fields** (``_fixed_fields``) never change once the record exists;
    * every **link** (many2one) of a record, as created or written, points at a
      record its writer may read (the linked record's name reads back), and a
      write that changes a link leaves the record one its writer may still
      write (record rules are checked before a write, not after);
    * **numbers** are numbers, finite, and fit their column; **ids** fit
      PostgreSQL's integers; **texts** are text of a size that fits their use;
    * ``_guard_created()`` judges each record as created (its final values).

    HR officers are employees too: ``_is_privileged()`` is True for HR on
    other people's records only (``_subject_field`` says whose a record is).
    """

    _name = "hr.performance.guard.mixin"
    _description = "Guards of performance records"

    _system_fields = ()
    _later_fields = ()
    _fixed_fields = ()
    # Fields only HR (on other people's records) sets at creation, e.g. a
    # check-in's manager; others get the computed value.
    _privileged_fields = ()
    # Links that need no read access (e.g. a user to notify).
    _unchecked_links = ()
    _text_limits = {}
    # Path to the employee a record is about, e.g. "review_id.employee_id".
    _subject_field = None

    # ------------------------------------------------------------------ who

    def _is_own(self):
        """Whether one of these records is about the current user."""
        if not self._subject_field:
            return False
        # sudo: only compares whose records these are with the current user
        subjects = self.sudo().mapped(self._subject_field)
        return self.env.user in subjects.user_id

    def _is_privileged(self):
        """HR rights (or the addon's superuser code), never on one's own
        records: there HR officers are employees like the others.
        True under sudo, so code run with sudo (the portal) relies on its own
        lookup of what is the user's."""
        if self.env.su:
            return True
        return is_performance_hr(self.env) and not self._is_own()

    # ------------------------------------------------------------------ fields

    @api.model
    def _guarded_system_fields(self):
        """Declared system fields and every computed or related field without
        an inverse: the ORM and the actions write those, users never do."""
        names = set(self._system_fields)
        for name, field in self._fields.items():
            if name in MAGIC_COLUMNS or name == "display_name":
                continue
            if (field.compute or field.related) and field.readonly:
                names.add(name)
        return names

    def _text_limit(self, field):
        return self._text_limits.get(field.name, TEXT_LIMITS.get(field.type))

    # ------------------------------------------------------------------ values

    def _guard_number(self, field, value):
        if value is None or value is False:
            return
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise ValidationError(
                self.env._(
                    "%(field)s must be a number.",
                    field=field._description_string(self.env),
                )
            )
        if not math.isfinite(value):
            raise ValidationError(
                self.env._(
                    "%(field)s must be a finite number (not NaN or infinity).",
                    field=field._description_string(self.env),
                )
            )
        if field.type == "integer" and not -INT_MAX - 1 <= value <= INT_MAX:
            raise ValidationError(
                self.env._(
                    "%(field)s is too large.", field=field._description_string(self.env)
                )
            )

    def _guard_id(self, field, value):
        if value is None or value is False or isinstance(value, BaseModel):
            return
        if isinstance(value, bool) or not isinstance(value, int):
            raise ValidationError(
                self.env._(
                    "%(field)s must be a record id.",
                    field=field._description_string(self.env),
                )
            )
        if not 0 < value <= INT_MAX:
            raise ValidationError(
                self.env._(
                    "%(field)s: no such record.",
                    field=field._description_string(self.env),
                )
            )

    def _guard_commands(self, field, commands):
        """Ids inside x2many commands fit PostgreSQL's integers."""
        if not commands or not isinstance(commands, (list, tuple)):
            return
        for command in commands:
            if isinstance(command, int):
                self._guard_id(field, command)
                continue
            if not isinstance(command, (list, tuple)) or not command:
                raise ValidationError(
                    self.env._(
                        "%(field)s: malformed value.",
                        field=field._description_string(self.env),
                    )
                )
            if command[0] in (1, 2, 3, 4) and len(command) > 1:
                self._guard_id(field, command[1])
            elif command[0] == 6 and len(command) > 2:
                for record_id in command[2] or ():
                    self._guard_id(field, record_id)

    def _guard_text(self, field, value):
        if value is None or value is False:
            return
        if field.translate and isinstance(value, dict):
            values = value.values()
        elif isinstance(value, str):
            values = [value]
        else:
            raise ValidationError(
                self.env._(
                    "%(field)s must be text.", field=field._description_string(self.env)
                )
            )
        limit = self._text_limit(field)
        if limit and any(len(text or "") > limit for text in values):
            raise ValidationError(
                self.env._(
                    "%(field)s is too long: at most %(limit)s characters.",
                    field=field._description_string(self.env),
                    limit=limit,
                )
            )

    def _guard_selection(self, field, value):
        if value is None or value is False or callable(field.selection):
            return
        if field.selection and value not in dict(field.selection):
            raise ValidationError(
                self.env._(
                    "%(field)s: unknown value.",
                    field=field._description_string(self.env),
                )
            )

    def _guard_date(self, field, value):
        if value is None or value is False:
            return
        try:
            field.convert_to_cache(value, self)
        except (TypeError, ValueError) as error:
            raise ValidationError(
                self.env._(
                    "%(field)s must be a date.",
                    field=field._description_string(self.env),
                )
            ) from error

    def _guard_input(self, vals):
        """Types, sizes and finiteness of user-given values: a clear error
        instead of a NaN stored, a 5 MB note or a PostgreSQL traceback."""
        for name, value in vals.items():
            field = self._fields.get(name)
            if field is None:
                continue
            if field.type in NUMBER_TYPES:
                self._guard_number(field, value)
            elif field.type == "many2one":
                self._guard_id(field, value)
            elif field.type in ("one2many", "many2many"):
                self._guard_commands(field, value)
            elif field.type in TEXT_LIMITS:
                self._guard_text(field, value)
            elif field.type == "selection":
                self._guard_selection(field, value)
            elif field.type in ("date", "datetime"):
                self._guard_date(field, value)

    # ------------------------------------------------------------------ ORM

    @api.model
    def _blocked_at_creation(self):
        """The fields a user's values and ``default_*`` keys cannot set."""
        blocked = self._guarded_system_fields() | set(self._later_fields)
        if self._privileged_fields and not self._is_privileged():
            blocked |= set(self._privileged_fields)
        return blocked

    @api.model
    def default_get(self, fields_list):
        if not self.env.su:
            blocked = self._blocked_at_creation()
            context = self.env.context
            forged = [
                key for key in context if key[8:] in blocked and key[:8] == "default_"
            ]
            if forged:
                # The whole context replaced: the forged keys must go.
                self = self.with_env(
                    self.env(
                        context={
                            key: value
                            for key, value in context.items()
                            if key not in forged
                        }
                    )
                )
        return super().default_get(fields_list)

    def _guarded_vals(self, vals_list):
        """The user's values, checked, without the fields users do not set."""
        if self.env.su:
            return vals_list
        blocked = self._blocked_at_creation()
        for vals in vals_list:
            self._guard_input(vals)
            dropped = blocked & set(vals)
            required = [
                name
                for name in dropped
                if self._fields[name].required and self._fields[name].default is None
            ]
            if required:
                # Records only the application makes: a clear refusal rather
                # than a NOT NULL error once the values are dropped.
                raise UserError(
                    self.env._(
                        "%(model)s records are made by the application; "
                        "%(fields)s cannot be given.",
                        model=self._description,
                        fields=", ".join(self._fields[n].string for n in required),
                    )
                )
            for name in dropped:
                del vals[name]
        return vals_list

    @api.model
    def _completed_vals(self, vals_list):
        """The values records will be created with: the user's values, checked
        and without system fields, completed with the defaults (``default_*``
        context keys included). A create override that inspects values
        starts here, so that it judges the records as they will be created."""
        return [
            self._add_missing_default_values(vals)
            for vals in self._guarded_vals(vals_list)
        ]

    def _without_defaults(self):
        """Self without ``default_*`` context keys: for a create with sudo of
        values already completed by ``_completed_vals``."""
        context = self.env.context
        return self.with_env(
            self.env(
                context={
                    key: value
                    for key, value in context.items()
                    if not key.startswith("default_")
                }
            )
        )

    @api.model_create_multi
    def create(self, vals_list):
        if self.env.su:
            return super().create(vals_list)
        records = super().create(self._guarded_vals(vals_list))
        # Judged as created: whatever came from the values or the context.
        records._guard_links(records._user_links())
        records._guard_created()
        return records

    def write(self, vals):
        if self.env.su:
            return super().write(vals)
        self._guard_input(vals)
        system = self._guarded_system_fields() & set(vals)
        if system:
            raise UserError(
                self.env._(
                    "These fields are set by the application, not typed in: %(fields)s",
                    fields=", ".join(self._fields[name].string for name in system),
                )
            )
        self._guard_fixed(vals)
        result = super().write(vals)
        links = [name for name in self._user_links() if name in vals]
        if links:
            self._guard_links(links)
            # Record rules are checked before a write: check them again on
            # the record as written, so that nobody moves a record out of reach.
            self.check_access("write")
        return result

    def _user_links(self):
        """The many2one fields a user sets (a wizard's links lead to records
        whose own guards check them)."""
        if self._transient:
            return []
        blocked = self._guarded_system_fields()
        return [
            name
            for name, field in self._fields.items()
            if field.type == "many2one"
            and name not in blocked
            and name not in self._unchecked_links
            and name not in MAGIC_COLUMNS
        ]

    def _guard_links(self, names):
        """Every record these records link to is one the user may read."""
        for name in names:
            self._guard_link_targets(name, self.mapped(name))

    def _guard_link_targets(self, name, targets):
        if not targets:
            return
        if targets._name == "hr.employee":
            # Users read employees through their public view.
            targets = self.env["hr.employee.public"].browse(targets.ids)
        # Odoo's own error: it names the model, never the record.
        targets.check_access("read")

    def _guard_fixed(self, vals):
        for name in set(self._fixed_fields) & set(vals):
            field = self._fields[name]
            new = field.convert_to_cache(vals[name], self)
            if any(
                field.convert_to_cache(record[name], record) != new for record in self
            ):
                raise UserError(
                    self.env._(
                        "%(field)s cannot change once the record exists.",
                        field=field._description_string(self.env),
                    )
                )

    def _guard_created(self):
        """Hook: judge the records as created (final values, whatever came
        from the values or the context). Runs for users, not for the addon's
        own superuser code."""

    # ------------------------------------------------------------------ SQL

    def _setup_complete(self):
        """A CHECK that refuses NaN and ±infinity on every stored float column
        (PostgreSQL's ``CHECK (x > 0)`` accepts NaN, which sorts above all)."""
        cls = self.env.registry[self._name]
        if cls._abstract or not cls._auto:
            return super()._setup_complete()
        known = {key for key, _definition, _message in cls._sql_constraints}
        extra = [
            (
                f"{name}_finite",
                f"CHECK({name} IS NULL OR ({name} > '-Infinity' AND {name} < 'Infinity'))",
                "Numbers must be finite (not NaN or infinity).",
            )
            for name, field in cls._fields.items()
            if field.type in ("float", "monetary")
            and field.store
            and field.column_type
            and f"{name}_finite" not in known
        ]
        if extra:
            cls._sql_constraints = [*cls._sql_constraints, *extra]
        # After: the registry records the constraints' names from here.
        return super()._setup_complete()
