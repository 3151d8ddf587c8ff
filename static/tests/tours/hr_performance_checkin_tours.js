import { registry } from "@web/core/registry";
import { stepUtils } from "@web_tour/tour_service/tour_utils";

registry.category("web_tour.tours").add("hr_performance_checkin_agenda", {
    url: "/odoo/action-hr_performance.hr_performance_checkin_action",
    steps: () => [
        {
            content: "Open the planned check-in",
            trigger: '.o_data_row:contains("Eva Employee") td[name=kind]',
            run: "click",
        },
        {
            content: "Add a topic to the agenda",
            trigger: ".o_field_widget[name=agenda_item_ids] .o_field_x2many_list_row_add a",
            run: "click",
        },
        {
            trigger: ".o_field_widget[name=agenda_item_ids] .o_data_row .o_field_widget[name=name] input",
            run: "edit Budget for the design conference",
        },
        ...stepUtils.saveForm(),
        {
            content: "The topic is on the agenda",
            trigger: '.o_field_widget[name=agenda_item_ids] .o_data_row:contains("design conference")',
        },
    ],
});

registry.category("web_tour.tours").add("hr_performance_checkin_complete", {
    url: "/odoo/action-hr_performance.hr_performance_checkin_action",
    steps: () => [
        {
            content: "Open the check-in with Eva",
            trigger: '.o_data_row:contains("Eva Employee") td[name=kind]',
            run: "click",
        },
        {
            content: "Eva's topic is there",
            trigger: '.o_field_widget[name=agenda_item_ids] .o_data_row:contains("design conference")',
        },
        {
            trigger: '.o_notebook .nav-link:contains("Action Items")',
            run: "click",
        },
        {
            content: "Add an action item",
            trigger: ".o_field_widget[name=action_item_ids] .o_field_x2many_list_row_add a",
            run: "click",
        },
        {
            trigger: ".o_field_widget[name=action_item_ids] .o_data_row .o_field_widget[name=name] input",
            run: "edit Approve the conference budget",
        },
        {
            content: "Complete the check-in",
            trigger: ".o_form_view button[name=action_done]",
            run: "click",
        },
        {
            content: "The check-in is done",
            trigger: '.o_statusbar_status button.o_arrow_button_current:contains("Done")',
        },
    ],
});
