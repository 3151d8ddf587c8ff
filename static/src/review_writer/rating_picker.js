import { Component } from "@odoo/owl";

/**
 * The levels of a rating scale as a column of choices, each with its name and
 * what it means: the answer is picked knowing what the level says.
 */
export class RatingPicker extends Component {
    static template = "hr_performance.RatingPicker";
    static props = {
        name: String,
        levels: Array,
        value: { type: [Number, Boolean] },
        readonly: { type: Boolean, optional: true },
        onChange: { type: Function, optional: true },
    };

    select(level) {
        if (!this.props.readonly && this.props.onChange) {
            this.props.onChange(level.id);
        }
    }
}
