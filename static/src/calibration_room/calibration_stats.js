import { Component } from "@odoo/owl";
import { _t } from "@web/core/l10n/translation";
import { formatDateTime, deserializeDateTime } from "@web/core/l10n/dates";

/**
 * The session's statistics drawn: each manager's (and department's) mean
 * rating as a dot against the pool's mean (the line) and the band a group of
 * that size stays in while unflagged (|z| < 2); flags as badges; the latest
 * adjustments. Figures come from lib/calibration.py through the data method.
 */
export class CalibrationStats extends Component {
    static template = "hr_performance.CalibrationStats";
    static props = { session: Object };

    get scale() {
        const values = this.props.session.levels.map((level) => level.value);
        return { low: Math.min(...values), high: Math.max(...values) };
    }

    /** Position of a rating value on the scale, in % of the width. */
    x(value) {
        const { low, high } = this.scale;
        if (value === null || value === undefined || high === low) {
            return 50;
        }
        return Math.max(0, Math.min(100, ((value - low) / (high - low)) * 100));
    }

    bandStyle(group) {
        const left = this.x(group.low);
        return `left: ${left}%; width: ${Math.max(this.x(group.high) - left, 0.5)}%`;
    }

    flagLabel(group) {
        return (
            {
                lenient: _t("Lenient"),
                severe: _t("Severe"),
            }[group.flag] || ""
        );
    }

    flagColor(group) {
        return { lenient: "warning", severe: "danger" }[group.flag] || "primary";
    }

    groupTitle(group) {
        const lines = [
            _t("Mean rating %(mean)s over %(count)s reviews", {
                mean: group.mean.toFixed(2),
                count: group.count,
            }),
            _t("Unflagged between %(low)s and %(high)s", {
                low: group.low.toFixed(2),
                high: group.high.toFixed(2),
            }),
        ];
        if (group.suppressed) {
            lines.push(
                _t("Fewer than %(size)s reviews: no z-score, no flag.", {
                    size: this.props.session.min_group_size,
                })
            );
        } else {
            lines.push(_t("z-score %(z)s", { z: group.z_score.toFixed(2) }));
        }
        return lines.join("\n");
    }

    get legend() {
        const mean = this.props.session.pool.mean;
        return _t(
            "Dot: mean rating; line: the session's mean (%(mean)s); shaded: where a group of that size is not flagged.",
            { mean: mean === null ? "—" : mean.toFixed(2) }
        );
    }

    get flagged() {
        return [...this.props.session.managers, ...this.props.session.departments].filter(
            (group) => group.flag
        );
    }

    get offTarget() {
        return this.props.session.levels.filter(
            (level) => level.target_count !== null && level.count !== level.target_count
        );
    }

    formatDate(value) {
        return formatDateTime(deserializeDateTime(value));
    }
}
