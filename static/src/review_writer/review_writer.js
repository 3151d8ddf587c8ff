import { Component, onWillStart, useState } from "@odoo/owl";
import { deserializeDate, formatDate } from "@web/core/l10n/dates";
import { _t } from "@web/core/l10n/translation";
import { RPCError } from "@web/core/network/rpc";
import { registry } from "@web/core/registry";
import { escape } from "@web/core/utils/strings";
import { useService } from "@web/core/utils/hooks";
import { useSetupAction } from "@web/search/action_hook";
import { standardActionServiceProps } from "@web/webclient/actions/action_service";
import { RatingPicker } from "./rating_picker";

/**
 * An answer counts as given as the server's `_ensure_answered` counts it: a
 * rating for the rating questions, a comment for the text ones.
 */
export function isAnswered(line, answer) {
    if (line.answer_type === "text") {
        return Boolean(answer.comment.trim());
    }
    return Boolean(answer.rating_level_id);
}

/** Plain text (the writer's textareas) to the HTML the answers are stored as. */
export function textToHtml(text) {
    const paragraphs = text
        .trim()
        .split(/\n\s*\n/)
        .filter((paragraph) => paragraph.trim());
    return paragraphs
        .map((paragraph) => `<p>${escape(paragraph.trim()).replace(/\n/g, "<br>")}</p>`)
        .join("");
}

/**
 * The review writer: the employee's self review or the manager's review of
 * one review, question by question or on one page, with each question's
 * description, the rating scale's meaning, the goals of the period and what
 * is left. It saves through `write` on the answers and submits through the
 * review's step action, so that the server's guards decide.
 */
export class ReviewWriter extends Component {
    static template = "hr_performance.ReviewWriter";
    static components = { RatingPicker };
    static props = { ...standardActionServiceProps };

    setup() {
        this.orm = useService("orm");
        this.actionService = useService("action");
        this.notification = useService("notification");
        this.ui = useService("ui");
        const { context = {}, params = {} } = this.props.action;
        this.reviewId = context.active_id || params.review_id || false;
        this.state = useState({
            data: null,
            answers: {},
            assessment: {},
            dirty: new Set(),
            assessmentDirty: false,
            onePage: !this.ui.isSmall,
            index: 0,
            error: "",
            busy: false,
        });
        onWillStart(() => this.load());
        // Leaving the writer (breadcrumbs, menus, "Back to the review") saves
        // the draft first, and stays when the server refuses it.
        useSetupAction({
            beforeLeave: () => this.saveBeforeLeaving(),
            beforeUnload: (ev) => {
                if (this.hasChanges) {
                    ev.preventDefault();
                    ev.returnValue = "";
                }
            },
        });
    }

    async load() {
        if (!this.reviewId) {
            return;
        }
        const data = await this.orm.call("hr.performance.review", "get_writer_data", [
            [this.reviewId],
        ]);
        const answers = {};
        for (const line of data.lines) {
            answers[line.id] = {
                rating_level_id: line.rating_level_id || false,
                comment: line.comment || "",
            };
        }
        Object.assign(this.state, {
            data,
            answers,
            assessment: { ...(data.assessment || {}) },
            dirty: new Set(),
            assessmentDirty: false,
        });
        this.state.index = Math.min(this.state.index, this.steps.length - 1);
    }

    // ------------------------------------------------------------------ derived

    get review() {
        return this.state.data.review;
    }

    get editable() {
        return this.review.editable;
    }

    get isManager() {
        return this.review.role === "manager";
    }

    get title() {
        return this.isManager
            ? _t("Review of %(employee)s", { employee: this.review.employee })
            : _t("My self review");
    }

    get counts() {
        const lines = this.state.data.lines;
        const answered = lines.filter((line) => isAnswered(line, this.state.answers[line.id]));
        const missing = lines.filter(
            (line) => line.required && !isAnswered(line, this.state.answers[line.id])
        );
        return { total: lines.length, answered: answered.length, missing: missing.length };
    }

    get progressLabel() {
        const { answered, total } = this.counts;
        return _t("%(answered)s of %(total)s answered", { answered, total });
    }

    get missingLabel() {
        return _t("%(count)s required left", { count: this.counts.missing });
    }

    get deadlineLabel() {
        const { deadline, days_left: days } = this.review;
        if (!deadline) {
            return "";
        }
        const date = formatDate(deserializeDate(deadline));
        if (days > 1) {
            return _t("Due %(date)s: %(days)s days left", { date, days });
        }
        if (days === 1) {
            return _t("Due %(date)s: 1 day left", { date });
        }
        if (days === 0) {
            return _t("Due today (%(date)s)", { date });
        }
        if (days === -1) {
            return _t("Due %(date)s: 1 day late", { date });
        }
        return _t("Due %(date)s: %(days)s days late", { date, days: -days });
    }

    goalsIntro(section) {
        if (section.weight) {
            return _t(
                "The goals of the period behind this section (%(weight)s % of the review): their progress counts by itself, nothing to answer here.",
                { weight: section.weight }
            );
        }
        return _t(
            "The goals of the period behind this section: their progress counts by itself, nothing to answer here."
        );
    }

    goalDeadline(goal) {
        return _t("Deadline %(date)s", { date: formatDate(deserializeDate(goal.date_deadline)) });
    }

    percent(value) {
        return `${Math.round(value)} %`;
    }

    get deadlineClass() {
        const days = this.review.days_left;
        if (days < 0) {
            return "text-bg-danger";
        }
        return days <= 3 ? "text-bg-warning" : "text-bg-light";
    }

    /**
     * What the writer shows, in the template's order: a goals card where the
     * template has a goals section, then each question of the other sections;
     * for the manager, the proposed rating last.
     */
    get steps() {
        const { sections, lines, goals } = this.state.data;
        const steps = [];
        const placed = new Set();
        for (const section of sections) {
            if (section.kind === "goals") {
                steps.push({ key: `goals_${section.id}`, type: "goals", section, goals });
                continue;
            }
            for (const line of lines.filter((l) => l.section_id === section.id)) {
                steps.push({ key: `line_${line.id}`, type: "line", section, line });
                placed.add(line.id);
            }
        }
        for (const line of lines.filter((l) => !placed.has(l.id))) {
            steps.push({ key: `line_${line.id}`, type: "line", section: false, line });
        }
        if (this.isManager && this.state.data.assessment) {
            steps.push({ key: "assessment", type: "assessment", section: false });
        }
        return steps;
    }

    get visibleSteps() {
        const steps = this.steps;
        return this.state.onePage ? steps : steps.slice(this.state.index, this.state.index + 1);
    }

    /** The section heading shown before `step` (when it starts a section). */
    sectionHeading(step) {
        if (!step.section) {
            return "";
        }
        if (!this.state.onePage) {
            return step.section.name;
        }
        const steps = this.steps;
        const previous = steps[steps.indexOf(step) - 1];
        return previous && previous.section?.id === step.section.id ? "" : step.section.name;
    }

    questionNumber(step) {
        const keys = this.steps.filter((s) => s.type === "line").map((s) => s.key);
        return keys.indexOf(step.key) + 1;
    }

    goalHealthClass(goal) {
        return (
            {
                on_track: "text-bg-success",
                at_risk: "text-bg-warning",
                off_track: "text-bg-danger",
                done: "text-bg-info",
            }[goal.health] || "text-bg-light"
        );
    }

    // ------------------------------------------------------------------ editing

    setRating(lineId, levelId) {
        this.state.answers[lineId].rating_level_id = levelId;
        this.state.dirty.add(lineId);
    }

    setComment(lineId, ev) {
        this.state.answers[lineId].comment = ev.target.value;
        this.state.dirty.add(lineId);
    }

    setAssessment(field, value) {
        this.state.assessment[field] = value;
        this.state.assessmentDirty = true;
    }

    toggleMode() {
        this.state.onePage = !this.state.onePage;
    }

    goTo(index) {
        this.state.index = Math.max(0, Math.min(index, this.steps.length - 1));
    }

    // ------------------------------------------------------------------ server

    /** The error of a refused call, shown above the buttons; others go up. */
    async guarded(callback) {
        this.state.error = "";
        this.state.busy = true;
        try {
            await callback();
            return true;
        } catch (error) {
            if (error instanceof RPCError && error.data?.message) {
                this.state.error = error.data.message;
                return false;
            }
            throw error;
        } finally {
            this.state.busy = false;
        }
    }

    async writeChanges() {
        for (const lineId of [...this.state.dirty]) {
            const answer = this.state.answers[lineId];
            await this.orm.write("hr.performance.review.line", [lineId], {
                rating_level_id: answer.rating_level_id || false,
                comment: textToHtml(answer.comment),
            });
            this.state.dirty.delete(lineId);
        }
        if (this.state.assessmentDirty) {
            const { proposed_rating_level_id, potential, manager_comment } =
                this.state.assessment;
            await this.orm.write("hr.performance.review", [this.reviewId], {
                proposed_rating_level_id: proposed_rating_level_id || false,
                potential: potential || false,
                manager_comment: textToHtml(manager_comment || ""),
            });
            this.state.assessmentDirty = false;
        }
    }

    get hasChanges() {
        const { data, dirty, assessmentDirty } = this.state;
        return Boolean(data?.review.editable && (dirty.size || assessmentDirty));
    }

    async saveBeforeLeaving() {
        return this.hasChanges ? this.guarded(() => this.writeChanges()) : true;
    }

    async onSave() {
        if (await this.guarded(() => this.writeChanges())) {
            this.notification.add(_t("Draft saved."), { type: "success" });
        }
    }

    async onSubmit() {
        const method = this.isManager
            ? "action_submit_manager_review"
            : "action_submit_self_review";
        const submitted = await this.guarded(async () => {
            await this.writeChanges();
            await this.orm.call("hr.performance.review", method, [[this.reviewId]]);
        });
        if (submitted) {
            this.notification.add(
                this.isManager
                    ? _t("Review submitted: it goes to calibration.")
                    : _t("Self review submitted: your manager takes it from here."),
                { type: "success" }
            );
            // Nothing is left to write: the review takes the writer's place in
            // the breadcrumbs, so that "back" leads where the writer came from.
            await this.openReview({ stackPosition: "replaceCurrentAction" });
        }
    }

    async openReview(options = {}) {
        await this.actionService.doAction(
            {
                type: "ir.actions.act_window",
                res_model: "hr.performance.review",
                res_id: this.reviewId,
                views: [[false, "form"]],
            },
            options
        );
    }
}

registry.category("actions").add("hr_performance.review_writer", ReviewWriter);
