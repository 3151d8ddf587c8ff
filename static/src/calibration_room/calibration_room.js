import { Component, onWillStart, useRef, useState } from "@odoo/owl";
import { _t } from "@web/core/l10n/translation";
import { registry } from "@web/core/registry";
import { useDraggable } from "@web/core/utils/draggable";
import { useService } from "@web/core/utils/hooks";
import { Layout } from "@web/search/layout";
import { standardActionServiceProps } from "@web/webclient/actions/action_service";
import { CalibrationStats } from "./calibration_stats";

/** The 9-box's rows, top first, by the potential keys of the review. */
const POTENTIALS_TOP_DOWN = ["high", "medium", "low"];
/** Pixels around a drop zone that still count as in it (the gutters). */
const ZONE_TOLERANCE = 6;

/**
 * The calibration room: a session's people on a 9-box (performance across,
 * potential up) and in one column per rating, with the session's statistics.
 * A person dragged to another column of the 9-box, or to another rating,
 * opens the review's calibration dialog (new rating proposed, a reason asked
 * for); the server's ``action_calibrate`` does the move and logs it.
 */
export class CalibrationRoom extends Component {
    static template = "hr_performance.CalibrationRoom";
    static components = { CalibrationStats, Layout };
    static props = { ...standardActionServiceProps };

    setup() {
        this.orm = useService("orm");
        this.actionService = useService("action");
        this.notification = useService("notification");
        this.root = useRef("root");
        this.state = useState({ data: null, dropZone: null });
        this.display = { controlPanel: {} };
        const params = this.props.action?.params || {};
        onWillStart(() => this.load({ calibrationId: params.calibration_id }));
        useDraggable({
            ref: this.root,
            elements: ".o_calibration_card.o_movable",
            cursor: "grabbing",
            onDrag: ({ x, y }) => {
                const zone = this.zoneAt(x, y);
                const key = zone ? zone.dataset.zone : null;
                if (this.state.dropZone !== key) {
                    this.state.dropZone = key;
                }
            },
            onDragEnd: () => {
                this.state.dropZone = null;
            },
            onDrop: ({ element, x, y }) =>
                this.onDrop(Number(element.dataset.reviewId), this.zoneAt(x, y)),
        });
    }

    async load({ calibrationId = false, cycleId = false } = {}) {
        this.state.data = await this.orm.call("hr.performance.calibration", "get_room_data", [], {
            calibration_id: calibrationId,
            cycle_id: cycleId,
        });
    }

    // ------------------------------------------------------------------ getters

    get session() {
        return this.state.data?.session || null;
    }

    get cycles() {
        const seen = new Map();
        for (const session of this.state.data?.sessions || []) {
            if (session.cycle_id && !seen.has(session.cycle_id)) {
                seen.set(session.cycle_id, { id: session.cycle_id, name: session.cycle_name });
            }
        }
        return [...seen.values()];
    }

    get sessionsOfCycle() {
        const cycleId = this.session?.cycle_id;
        return (this.state.data?.sessions || []).filter((s) => !cycleId || s.cycle_id === cycleId);
    }

    get rows() {
        const potentials = Object.fromEntries(
            (this.session?.potentials || []).map((p) => [p.key, p.label])
        );
        return POTENTIALS_TOP_DOWN.map((key, index) => ({
            key,
            label: potentials[key] || key,
            cells: [0, 1, 2].map((band) => (2 - index) * 3 + band + 1),
        }));
    }

    get bandLabels() {
        return this.session.bands;
    }

    get unplaced() {
        return (this.session?.people || []).filter((person) => !person.cell);
    }

    boxOf(cell) {
        return this.state.data.boxes.find((box) => box.cell === cell) || {};
    }

    peopleIn(cell) {
        return this.session.people.filter((person) => person.cell === cell);
    }

    peopleRated(levelId) {
        return this.session.people.filter((person) => person.level_id === levelId);
    }

    avatarUrl(person) {
        return `/web/image/hr.employee/${person.employee_id}/avatar_128`;
    }

    firstName(person) {
        return person.name.split(/\s+/)[0];
    }

    cardTitle(person) {
        const level = this.session.levels.find((l) => l.id === person.level_id);
        const manager = this.session.managers.find((m) => m.id === person.manager_id);
        const lines = [person.name, level ? level.name : _t("No rating")];
        if (manager) {
            lines.push(_t("Manager: %(name)s", { name: manager.name }));
        }
        if (!person.movable) {
            lines.push(_t("Not in calibration: cannot be moved."));
        }
        return lines.join("\n");
    }

    targetDelta(level) {
        if (level.target_count === null || level.target_count === undefined) {
            return "";
        }
        if (level.count > level.target_count) {
            return _t("%(count)s over target", { count: level.count - level.target_count });
        }
        if (level.count < level.target_count) {
            return _t("%(count)s under target", { count: level.target_count - level.count });
        }
        return _t("On target");
    }

    zoneClass(key) {
        return this.state.dropZone === key ? "border-dark border-2 shadow" : "";
    }

    // ------------------------------------------------------------------ handlers

    onCycleChange(ev) {
        return this.load({ cycleId: Number(ev.target.value) });
    }

    onSessionChange(ev) {
        return this.load({ calibrationId: Number(ev.target.value) });
    }

    openReview(person) {
        return this.actionService.doAction({
            type: "ir.actions.act_window",
            res_model: "hr.performance.review",
            res_id: person.review_id,
            views: [[false, "form"]],
            target: "current",
        });
    }

    openSession() {
        return this.actionService.doAction({
            type: "ir.actions.act_window",
            res_model: "hr.performance.calibration",
            res_id: this.session.id,
            views: [[false, "form"]],
            target: "current",
        });
    }

    /**
     * The drop zone (a box of the 9-box or a rating column) under the
     * pointer, or the nearest one when the pointer is in the narrow gutter
     * between two of them.
     */
    zoneAt(x, y) {
        let nearest = null;
        let best = ZONE_TOLERANCE;
        for (const el of this.root.el.querySelectorAll("[data-zone]")) {
            const rect = el.getBoundingClientRect();
            const dx = Math.max(rect.left - x, 0, x - rect.right);
            const dy = Math.max(rect.top - y, 0, y - rect.bottom);
            const distance = Math.max(dx, dy);
            if (distance <= best) {
                nearest = el;
                best = distance;
            }
        }
        return nearest;
    }

    /**
     * The rating a drop asks for: the column's level, or in the 9-box the
     * level of the target third of the scale nearest to the current one.
     * Null when the drop changes nothing a calibration can change.
     */
    targetLevel(person, zone) {
        if (zone.dataset.level) {
            return Number(zone.dataset.level);
        }
        const cell = Number(zone.dataset.cell);
        const potential = ["low", "medium", "high"][Math.floor((cell - 1) / 3)];
        if (potential !== person.potential) {
            this.notification.add(
                _t(
                    "Potential is the manager's assessment: calibration moves the rating, across the columns of a row."
                ),
                { type: "warning" }
            );
            return null;
        }
        const band = (cell - 1) % 3;
        const levels = this.session.levels;
        const current = levels.find((level) => level.id === person.level_id);
        const inBand = levels.filter((level) => level.band === band);
        if (!current || !inBand.length || current.band === band) {
            return null;
        }
        return (band > current.band ? inBand[0] : inBand[inBand.length - 1]).id;
    }

    async onDrop(reviewId, zone) {
        const person = this.session.people.find((p) => p.review_id === reviewId);
        if (!person || !zone) {
            return;
        }
        const levelId = this.targetLevel(person, zone);
        if (!levelId || levelId === person.level_id) {
            return;
        }
        const action = await this.orm.call("hr.performance.review", "action_open_calibrate", [
            [reviewId],
        ]);
        const sessionId = this.session.id;
        await this.actionService.doAction(
            {
                ...action,
                // orm.call returns the action as written: no views from view_mode
                views: action.views || [[false, "form"]],
                context: {
                    ...action.context,
                    default_level_id: levelId,
                    calibration_id: sessionId,
                },
            },
            { onClose: () => this.load({ calibrationId: sessionId }) }
        );
    }
}

registry.category("actions").add("hr_performance.calibration_room", CalibrationRoom);
