import { registry } from "@web/core/registry";

registry.category("web_tour.tours").add("hr_performance_calibration_session", {
    url: "/odoo/calibration-sessions",
    steps: () => [
        { content: "Open the session", trigger: ".o_data_row td[name=name]", run: "click" },
        { content: "Start it", trigger: ".o_statusbar_buttons button[name=action_start]", run: "click" },
        {
            content: "Open the board",
            trigger: ".o_statusbar_buttons button[name=action_open_board]",
            run: "click",
        },
        {
            content: "Every rating is a column, empty ones too",
            trigger: '.o_kanban_group:contains("Outstanding")',
        },
        {
            content: "Move Eva's review",
            trigger: '.o_kanban_record:contains("Eva Employee") button[name=action_open_calibrate]',
            run: "click",
        },
        { trigger: ".modal .o_field_widget[name=level_id] input", run: "edit Outstanding" },
        { trigger: '.o-autocomplete--dropdown-item:contains("Outstanding")', run: "click" },
        {
            content: "Say why",
            trigger: ".modal .o_field_widget[name=reason] textarea",
            run: "edit Led the platform migration across two teams",
        },
        { trigger: ".modal-footer button[name=action_apply]", run: "click" },
        {
            content: "Eva is now in the Outstanding column",
            trigger: '.o_kanban_group:contains("Outstanding") .o_kanban_record:contains("Eva Employee")',
        },
        { content: "Go to the review cycles", trigger: '.o_main_navbar button:contains("Reviews")', run: "click" },
        { trigger: '.dropdown-item:contains("Review Cycles")', run: "click" },
        { content: "Open the cycle", trigger: ".o_data_row td[name=name]", run: "click" },
        { trigger: ".o_form_view button[name=action_release]", run: "click" },
        { content: "Confirm the release", trigger: ".modal-footer .btn-primary", run: "click" },
        {
            content: "Released",
            trigger: '.o_statusbar_status button.o_arrow_button_current:contains("Released")',
        },
    ],
});
