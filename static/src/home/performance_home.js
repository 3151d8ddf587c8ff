import { Component, onWillStart, useState } from "@odoo/owl";
import { _t } from "@web/core/l10n/translation";
import { registry } from "@web/core/registry";
import { useService } from "@web/core/utils/hooks";
import { formatDate, parseDate } from "@web/core/l10n/dates";

const HEALTH = {
    on_track: { label: _t("On Track"), color: "success" },
    at_risk: { label: _t("At Risk"), color: "warning" },
    off_track: { label: _t("Off Track"), color: "danger" },
    not_started: { label: _t("Not Started"), color: "secondary" },
    done: { label: _t("Done"), color: "info" },
};
const MOOD_TRENDS = {
    up: { label: _t("Improving"), icon: "fa-arrow-up text-success" },
    flat: { label: _t("Steady"), icon: "fa-arrow-right text-muted" },
    down: { label: _t("Declining"), icon: "fa-arrow-down text-danger" },
};

/**
 * The Performance app's home: what needs the user today, as an employee, a
 * manager (one row per report, "needs you now" first) and an HR officer.
 * Its data comes from one call to ``hr.performance.home.get_home_data``,
 * made with the user's own rights; every card opens the record it shows.
 */
export class PerformanceHome extends Component {
    static template = "hr_performance.PerformanceHome";
    static props = ["*"];

    setup() {
        this.orm = useService("orm");
        this.actionService = useService("action");
        this.state = useState({ data: null, everyone: false });
        this.health = HEALTH;
        this.moodTrends = MOOD_TRENDS;
        onWillStart(() => this.load());
    }

    async load() {
        this.state.data = await this.orm.call("hr.performance.home", "get_home_data", [], {
            everyone: this.state.everyone,
        });
    }

    async toggleEveryone() {
        this.state.everyone = !this.state.everyone;
        await this.load();
    }

    /** "My Team" opens the home on the manager's part only (action param). */
    get teamOnly() {
        return this.props.action?.params?.section === "team";
    }

    get isEmpty() {
        const data = this.state.data;
        if (this.teamOnly) {
            return !data.manager;
        }
        return !data.employee && !data.manager && !data.hr;
    }

    /** The process-health headline figures, each opening its report. */
    get healthFigures() {
        const health = this.state.data.hr.health;
        const percent = (value) =>
            value === false || value === null || value === undefined ? "–" : `${Math.round(value)} %`;
        const processHealth = "hr_performance.hr_performance_activity_analysis_action";
        const completion = "hr_performance.hr_performance_review_analysis_action_process";
        return [
            { key: "held", label: _t("Check-ins held"), value: percent(health.checkins_held_percent), action: processHealth },
            { key: "missed", label: _t("Check-ins missed"), value: health.checkins_missed, action: processHealth },
            { key: "achieved", label: _t("Goals achieved"), value: percent(health.goals_achieved_percent), action: processHealth },
            { key: "feedback", label: _t("Feedback given"), value: health.feedback_given, action: processHealth },
            { key: "self", label: _t("Self reviews on time"), value: percent(health.self_on_time_percent), action: completion },
            { key: "manager", label: _t("Manager reviews on time"), value: percent(health.manager_on_time_percent), action: completion },
        ];
    }

    formatDate(value) {
        return value ? formatDate(parseDate(value)) : "";
    }

    /** "in 3 days", "today", "2 days late": a deadline in words. */
    dueLabel(daysLeft) {
        if (daysLeft === false || daysLeft === null || daysLeft === undefined) {
            return "";
        }
        if (daysLeft === 0) {
            return _t("today");
        }
        if (daysLeft < 0) {
            return _t("%s days late", -daysLeft);
        }
        return _t("in %s days", daysLeft);
    }

    dueClass(daysLeft) {
        if (daysLeft === false || daysLeft === null || daysLeft === undefined) {
            return "text-muted";
        }
        return daysLeft < 0 ? "text-danger fw-bold" : daysLeft <= 3 ? "text-warning" : "text-muted";
    }

    healthBadges(goalHealth) {
        return Object.keys(HEALTH)
            .filter((key) => goalHealth[key])
            .map((key) => ({ key, count: goalHealth[key], ...HEALTH[key] }));
    }

    openRecord(resModel, resId) {
        return this.actionService.doAction({
            type: "ir.actions.act_window",
            res_model: resModel,
            res_id: resId,
            views: [[false, "form"]],
        });
    }

    /**
     * A review at the user's own writing step opens in the writer (the
     * review's "Write" button, one click saved; on a phone that button sits
     * in the form's gear menu), any other in its form.
     */
    async openReview(reviewId, write) {
        if (!write) {
            return this.openRecord("hr.performance.review", reviewId);
        }
        const action = await this.orm.call("hr.performance.review", "action_open_writer", [
            [reviewId],
        ]);
        return this.actionService.doAction(action);
    }

    openAction(xmlId) {
        return this.actionService.doAction(xmlId);
    }

    scheduleCheckin(report) {
        if (report.planned_checkin_id) {
            return this.openRecord("hr.performance.checkin", report.planned_checkin_id);
        }
        return this.actionService.doAction({
            type: "ir.actions.act_window",
            name: _t("Schedule a Check-in"),
            res_model: "hr.performance.checkin",
            views: [[false, "form"]],
            context: {
                default_employee_id: report.id,
                // the report's next working day (the server's working calendar)
                ...(report.schedule_date && { default_date: report.schedule_date }),
            },
        });
    }

    giveFeedback(report) {
        return this.actionService.doAction({
            type: "ir.actions.act_window",
            name: _t("Give Feedback"),
            res_model: "hr.performance.feedback",
            views: [[false, "form"]],
            target: "new",
            context: { default_employee_id: report.id },
        });
    }

    openNeed(need) {
        const report = this.state.data.manager.reports.find((r) => r.id === need.employee_id);
        if (need.kind === "checkin") {
            return this.scheduleCheckin(report);
        }
        if (need.kind === "request") {
            return this.actionService.doAction(
                "hr_performance.hr_performance_feedback_request_action_to_answer"
            );
        }
        // "Write the review of …": the manager's step, in the writer.
        return this.openReview(need.review_id, need.kind === "review");
    }
}

registry.category("actions").add("hr_performance.home", PerformanceHome);
