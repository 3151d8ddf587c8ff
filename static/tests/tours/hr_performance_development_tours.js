import { registry } from "@web/core/registry";

registry.category("web_tour.tours").add("hr_performance_development_plan", {
    url: "/odoo/action-hr_performance.hr_performance_review_action_team",
    steps: () => [
        { content: "Open Eva's review", trigger: '.o_kanban_record:contains("Eva Employee")', run: "click" },
        {
            content: "Create her development plan",
            trigger: ".o_form_view button[name=action_create_development_plan]",
            run: "click",
        },
        {
            content: "The plan proposes an action for her largest gap first",
            trigger: '.o_field_widget[name=item_ids] .o_data_row:first td[name=skill_id]:contains("SQL")',
        },
        { content: "Start the plan", trigger: ".o_form_view button[name=action_activate]", run: "click" },
        {
            content: "The plan is active",
            trigger: '.o_statusbar_status button.o_arrow_button_current:contains("Active")',
        },
    ],
});
