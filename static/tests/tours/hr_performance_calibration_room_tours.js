import { registry } from "@web/core/registry";

registry.category("web_tour.tours").add("hr_performance_calibration_room", {
    url: "/odoo/calibration-room",
    steps: () => [
        {
            content: "The 9-box is labelled",
            trigger: '.o_calibration_box[data-cell="9"] .o_calibration_box_label:contains("Future leader")',
        },
        {
            content: "Eva is a core player",
            trigger: '.o_calibration_box[data-cell="5"] .o_calibration_count:contains("2")',
        },
        {
            content: "Drag Eva to the high performers",
            trigger: '.o_calibration_box[data-cell="5"] .o_calibration_card:contains("Eva Employee")',
            // dropped in the middle of the box (the default aims at its top edge)
            run: async (helpers) =>
                helpers.drag_and_drop('.o_calibration_box[data-cell="6"]', { position: "center" }),
        },
        {
            content: "The dialog proposes the lowest rating of that column",
            trigger: '.modal .o_field_widget[name=level_id] input:value("Exceeds Expectations")',
        },
        {
            content: "Say why",
            trigger: ".modal .o_field_widget[name=reason] textarea",
            run: "edit Leads the platform migration across two teams",
        },
        { trigger: ".modal-footer button[name=action_apply]", run: "click" },
        {
            content: "Eva is a high performer now",
            trigger: '.o_calibration_box[data-cell="6"] .o_calibration_card:contains("Eva Employee")',
        },
        {
            content: "The move is logged with its reason",
            trigger: '.o_calibration_adjustment:contains("Leads the platform migration across two teams")',
        },
    ],
});
