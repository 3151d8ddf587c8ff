import { registry } from "@web/core/registry";

function rateFirstLine(field, level) {
    return [
        {
            content: `Rate the question: ${level}`,
            trigger: `.o_field_widget[name=${field}] .o_data_row td[name=rating_level_id]`,
            run: "click",
        },
        {
            trigger: `.o_field_widget[name=${field}] .o_data_row .o_field_widget[name=rating_level_id] input`,
            run: `edit ${level}`,
        },
        {
            trigger: `.o-autocomplete--dropdown-item:contains("${level}")`,
            run: "click",
        },
    ];
}

function statusIs(label) {
    return {
        content: `The review is now at: ${label}`,
        trigger: `.o_statusbar_status button.o_arrow_button_current:contains("${label}")`,
    };
}

registry.category("web_tour.tours").add("hr_performance_review_self", {
    url: "/odoo/action-hr_performance.hr_performance_review_action_my",
    steps: () => [
        { content: "Open my review", trigger: ".o_data_row td[name=cycle_id]", run: "click" },
        ...rateFirstLine("self_line_ids", "Exceeds Expectations"),
        { content: "Submit", trigger: ".o_form_view button[name=action_submit_self_review]", run: "click" },
        statusIs("Manager Review"),
    ],
});

registry.category("web_tour.tours").add("hr_performance_review_manager", {
    url: "/odoo/action-hr_performance.hr_performance_review_action_team",
    steps: () => [
        { content: "Open Eva's review", trigger: '.o_kanban_record:contains("Eva Employee")', run: "click" },
        { trigger: '.o_notebook .nav-link:contains("Manager Review")', run: "click" },
        ...rateFirstLine("manager_line_ids", "Outstanding"),
        { trigger: ".o_field_widget[name=proposed_rating_level_id] input", run: "edit Outstanding" },
        { trigger: '.o-autocomplete--dropdown-item:contains("Outstanding")', run: "click" },
        { content: "Submit", trigger: ".o_form_view button[name=action_submit_manager_review]", run: "click" },
        statusIs("Calibration"),
    ],
});

registry.category("web_tour.tours").add("hr_performance_review_release", {
    url: "/odoo/action-hr_performance.hr_performance_cycle_action",
    steps: () => [
        { content: "Open the cycle", trigger: ".o_data_row td[name=name]", run: "click" },
        { trigger: ".o_form_view button[name=action_start_calibration]", run: "click" },
        { trigger: ".o_form_view button[name=action_release]", run: "click" },
        { content: "Confirm the release", trigger: ".modal-footer .btn-primary", run: "click" },
        statusIs("Released"),
    ],
});

registry.category("web_tour.tours").add("hr_performance_review_acknowledge", {
    url: "/odoo/action-hr_performance.hr_performance_review_action_my",
    steps: () => [
        { content: "Open my review", trigger: ".o_data_row td[name=cycle_id]", run: "click" },
        { content: "The manager's review is now visible", trigger: '.o_notebook .nav-link:contains("Manager Review")', run: "click" },
        { content: "The final rating is shown", trigger: '.o_field_widget[name=final_rating_level_id]:contains("Outstanding")' },
        { trigger: ".o_form_view button[name=action_acknowledge]", run: "click" },
        statusIs("Done"),
    ],
});
