import tempfile

from werkzeug.exceptions import NotFound
from werkzeug.wrappers import Response
from werkzeug.wsgi import wrap_file

from odoo import http
from odoo.exceptions import AccessError
from odoo.http import content_disposition, request

from ..lib.inputs import positive_id
from ..lib.strategy import valid_year
from ..lib.xlsx import write_workbook
from ..reports.calibration_xlsx import calibration_sheets
from ..reports.cycle_xlsx import cycle_sheets
from ..reports.health_xlsx import health_sheets
from ..reports.skill_matrix_xlsx import skill_matrix_sheets
from ..reports.strategy_xlsx import strategy_sheets
from .readonly import read_only_unless_just_written

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# The <kind> of /hr_performance/export/<kind>/<id>: the model of the record
# (read with the user's rights) and the builder of its sheets (reports/).
RECORD_EXPORTS = {
    "cycle": ("hr.performance.cycle", cycle_sheets),
    "calibration": ("hr.performance.calibration", calibration_sheets),
}


class HrPerformanceExport(http.Controller):
    """XLSX downloads, read-only GETs. Rows are gathered with the user's own
    rights, so an export holds only what the user may read."""

    @http.route(
        "/hr_performance/export/<string:kind>/<int:res_id>",
        type="http",
        auth="user",
        methods=["GET"],
        readonly=read_only_unless_just_written,
    )
    def export_record(self, kind, res_id, **kwargs):
        self._switch_companies()
        model, builder = RECORD_EXPORTS.get(kind, (None, None))
        # 0, negative, 2^31 and more: no record can have it, and PostgreSQL
        # would refuse the query (a 500), so it is not asked.
        res_id = positive_id(res_id)
        if not model or not res_id:
            raise NotFound()
        # A record the user may not read answers like a missing one: ids of
        # other people's records are not confirmed.
        record = request.env[model].search([("id", "=", res_id)], limit=1)
        if not record:
            raise NotFound()
        filename, sheets = builder(record)
        return self._stream(filename, sheets)

    @http.route(
        "/hr_performance/export/health",
        type="http",
        auth="user",
        methods=["GET"],
        readonly=read_only_unless_just_written,
    )
    def export_health(self, **kwargs):
        self._switch_companies()
        filename, sheets = health_sheets(request.env)
        return self._stream(filename, sheets)

    @http.route(
        "/hr_performance/export/skills",
        type="http",
        auth="user",
        methods=["GET"],
        readonly=read_only_unless_just_written,
    )
    def export_skills(self, **kwargs):
        self._switch_companies()
        filename, sheets = skill_matrix_sheets(request.env)
        return self._stream(filename, sheets)

    @http.route(
        "/hr_performance/export/strategy",
        type="http",
        auth="user",
        methods=["GET"],
        readonly=read_only_unless_just_written,
    )
    def export_strategy(self, year=None, **kwargs):
        """The strategy review of ``year`` (HR only): anyone else, and a
        year that is not one between 2000 and 2100, get a 404."""
        year = valid_year(year)
        if year is None:
            raise NotFound()
        self._switch_companies()
        try:
            filename, sheets = strategy_sheets(request.env, year)
        except AccessError:
            raise NotFound() from None
        return self._stream(filename, sheets)

    def _switch_companies(self):
        """A download is a plain GET, without the web client's context: take
        the companies switched on from the company switcher's ``cids`` cookie,
        as ``/mail/view`` does, so that an export holds no row of a company
        the user has switched off. Without the cookie, the main company only;
        companies the user does not belong to are ignored."""
        user = request.env.user
        cids = [
            int(cid)
            for cid in request.cookies.get("cids", "").split("-")
            if cid.isdigit() and int(cid) in user.company_ids.ids
        ]
        request.update_context(allowed_company_ids=cids or user.company_id.ids)

    def _stream(self, filename, sheets):
        # Written to a temporary file and streamed from it: the response never
        # holds the whole workbook in memory.
        target = tempfile.TemporaryFile()
        write_workbook(target, sheets)
        size = target.tell()
        target.seek(0)
        return Response(
            wrap_file(request.httprequest.environ, target),
            headers=[
                ("Content-Type", XLSX),
                ("Content-Length", str(size)),
                ("Content-Disposition", content_disposition(f"{filename}.xlsx")),
                ("X-Content-Type-Options", "nosniff"),
            ],
            direct_passthrough=True,
        )
