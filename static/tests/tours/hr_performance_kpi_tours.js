import { registry } from "@web/core/registry";

const KPI = "Contacts created";

registry.category("web_tour.tours").add("hr_performance_kpi_define", {
    url: "/odoo/action-hr_performance.hr_performance_kpi_action",
    steps: () => [
        {
            content: "New KPI",
            trigger: ".o_list_button_add",
            run: "click",
        },
        {
            trigger: ".o_field_widget[name=name] input",
            run: `edit ${KPI}`,
        },
        {
            content: "Measure contacts",
            trigger: ".o_field_widget[name=model_id] input",
            run: "edit res.partner",
        },
        {
            content: "The models found for res.partner are listed (Contact first)",
            trigger: '.o_field_widget[name=model_id] .o-autocomplete--dropdown-item:contains("Bank Account")',
        },
        {
            trigger: ".o_field_widget[name=model_id] .o-autocomplete--dropdown-item:first",
            run: "click",
        },
        {
            trigger: '.o_field_widget[name=model_id] input:value("Contact")',
        },
        {
            content: "Only the goal owner's",
            trigger: ".o_field_widget[name=owner_field_id] input",
            run: "edit Created by",
        },
        {
            trigger: '.o_field_widget[name=owner_field_id] .o-autocomplete--dropdown-item:contains("Created by")',
            run: "click",
        },
        {
            content: "Inside the goal's period",
            trigger: ".o_field_widget[name=date_field_id] input",
            run: "edit Created on",
        },
        {
            trigger: '.o_field_widget[name=date_field_id] .o-autocomplete--dropdown-item:contains("Created on")',
            run: "click",
        },
        {
            content: "The filter editor shows the model's records",
            trigger: ".o_field_widget[name=domain] .o_domain_selector",
        },
        {
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            content: "Saved",
            trigger: ".o_form_saved",
        },
    ],
});

registry.category("web_tour.tours").add("hr_performance_kpi_cascade", {
    url: "/odoo/action-hr_performance.hr_performance_goal_action",
    steps: () => [
        {
            content: "Open the department goal",
            trigger: '.o_data_row td[name=name]:contains("Grow the address book")',
            run: "click",
        },
        {
            trigger: ".o_form_view button[name=action_cascade]",
            run: "click",
        },
        {
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
            content: "As data goals",
            trigger: ".modal .o_field_widget[name=progress_mode] input[data-value=data]",
            run: "click",
        },
        {
            trigger: ".modal .o_field_widget[name=kpi_id] input",
            run: `edit ${KPI}`,
        },
        {
            trigger: `.o-autocomplete--dropdown-item:contains("${KPI}")`,
            run: "click",
        },
        {
            trigger: ".modal .o_field_widget[name=target_value] input",
            run: "edit 5",
        },
        {
            trigger: '.modal button[name=action_cascade]:contains("2")',
            run: "click",
        },
        {
            content: "Open Pablo's data goal",
            trigger: '.o_list_view .o_data_row:contains("Pablo Peer") td[name=name]',
            run: "click",
        },
        {
            content: "Refresh it from data",
            trigger: ".o_form_view button[name=action_refresh_data]",
            run: "click",
        },
        {
            content: "Two of five contacts: 40 %",
            trigger: '.o_form_view .o_field_widget[name=current_value]:contains("2")',
        },
        {
            trigger: '.o_form_view .o_field_widget[name=progress]:contains("40")',
        },
    ],
});
