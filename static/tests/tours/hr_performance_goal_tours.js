import { registry } from "@web/core/registry";

const GOAL = "Reduce onboarding time to 5 days";

registry.category("web_tour.tours").add("hr_performance_goal_cascade", {
    url: "/odoo/action-hr_performance.hr_performance_goal_action",
    steps: () => [
        {
            content: "Open the department goal",
            trigger: `.o_data_row td[name=name]:contains("${GOAL}")`,
            run: "click",
        },
        {
            content: "Cascade it",
            trigger: ".o_form_view button[name=action_cascade]",
            run: "click",
        },
        {
            content: "To employees",
            trigger: ".modal .o_field_widget[name=target_scope] input[data-value=individual]",
            run: "click",
        },
        {
            trigger: ".modal .o_field_widget[name=employee_ids] input",
            run: "edit Eva",
        },
        {
            trigger: '.o-autocomplete--dropdown-item:contains("Eva Employee")',
            run: "click",
        },
        {
            trigger: ".modal .o_field_widget[name=employee_ids] input",
            run: "edit Pablo",
        },
        {
            trigger: '.o-autocomplete--dropdown-item:contains("Pablo Peer")',
            run: "click",
        },
        {
            content: "Two goals will be created",
            trigger: '.modal button[name=action_cascade]:contains("2")',
            run: "click",
        },
        {
            content: "The cascaded goals are listed",
            trigger: '.o_list_view .o_data_row:contains("Pablo Peer")',
        },
        {
            trigger: '.o_list_view .o_data_row:contains("Eva Employee")',
        },
    ],
});

registry.category("web_tour.tours").add("hr_performance_goal_update", {
    url: "/odoo/action-hr_performance.hr_performance_goal_action_my",
    steps: () => [
        {
            content: "Open my cascaded goal",
            trigger: `.o_kanban_record:contains("${GOAL}")`,
            run: "click",
        },
        {
            content: "Record an update",
            trigger: ".o_form_view button[name=action_new_update]",
            run: "click",
        },
        {
            trigger: ".modal .o_field_widget[name=value] input",
            run: "edit 7",
        },
        {
            trigger: ".modal .o_field_widget[name=note] textarea",
            run: "edit Welcome pack and accounts now ready on day one",
        },
        {
            trigger: ".modal .o_field_widget[name=confidence] input[data-value=high]",
            run: "click",
        },
        {
            trigger: ".modal footer button.btn-primary",
            run: "click",
        },
        {
            content: "Open the goal's history",
            trigger: '.o_notebook .nav-link:contains("Updates")',
            run: "click",
        },
        {
            content: "The update is in the goal's history",
            trigger: '.o_field_widget[name=update_ids] .o_data_row:contains("accounts now ready")',
        },
    ],
});
