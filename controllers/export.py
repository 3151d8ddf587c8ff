import tempfile

from werkzeug.exceptions import NotFound
from werkzeug.wrappers import Response
from werkzeug.wsgi import wrap_file

from odoo import http
from odoo.http import content_disposition, request

from ..lib.xlsx import write_workbook

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class HrPerformanceExport(http.Controller):
    """XLSX downloads, read-only GETs. Rows are gathered with the user's own
    rights, so an export holds only what the user may read."""

    @http.route(
        "/hr_performance/export/<string:kind>/<int:res_id>",
        type="http",
        auth="user",
        methods=["GET"],
    )
    def export_record(self, kind, res_id, **kwargs):
        mixin = request.env.registry["hr.performance.xlsx.mixin"]
        model = next(
            (
                name
                for name in mixin._inherit_children
                if request.env.registry[name]._xlsx_kind == kind
            ),
            None,
        )
        if not model:
            raise NotFound()
        record = request.env[model].browse(res_id).exists()
        if not record:
            raise NotFound()
        record.check_access("read")
        filename, sheets = record._xlsx_sheets()
        return self._stream(filename, sheets)

    @http.route(
        "/hr_performance/export/health", type="http", auth="user", methods=["GET"]
    )
    def export_health(self, **kwargs):
        filename, sheets = request.env[
            "hr.performance.activity.analysis"
        ]._xlsx_sheets()
        return self._stream(filename, sheets)

    @http.route(
        "/hr_performance/export/skills", type="http", auth="user", methods=["GET"]
    )
    def export_skills(self, **kwargs):
        filename, sheets = request.env["hr.performance.skill.matrix"]._xlsx_sheets()
        return self._stream(filename, sheets)

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
