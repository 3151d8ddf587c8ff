from odoo import api, models


class ReportPerformanceReview(models.AbstractModel):
    _name = "report.hr_performance.report_performance_review"
    _description = "Performance Review Report"

    @api.model
    def _get_report_values(self, docids, data=None):
        reviews = self.env["hr.performance.review"].browse(docids)
        # Rendered with the user's rights: a forged id renders nothing, and
        # the manager's side appears only where the user may read it.
        reviews.check_access("read")
        goals_by_review = reviews._goals_by_review()
        sections_by_review, visible = {}, {}
        for review in reviews:
            visible[review.id] = review._can_see_assessment()
            lines = review.line_ids  # record rules filter what the user may read
            sections = []
            for section in review.cycle_id.template_id.section_ids.filtered(
                lambda s: s.kind in ("competencies", "questions")
            ):
                rows = [
                    {
                        "question": question.name,
                        "self": lines.filtered(
                            lambda line, q=question: (
                                line.question_id == q and line.role == "self"
                            )
                        ),
                        "manager": lines.filtered(
                            lambda line, q=question: (
                                line.question_id == q and line.role == "manager"
                            )
                        ),
                    }
                    for question in section.question_ids
                ]
                sections.append({"name": section.name, "rows": rows})
            sections_by_review[review.id] = sections
        return {
            "doc_ids": reviews.ids,
            "doc_model": "hr.performance.review",
            "docs": reviews,
            "goals_by_review": goals_by_review,
            "sections_by_review": sections_by_review,
            "manager_visible_by_review": visible,
        }
