import { registry } from "@web/core/registry";
import { stepUtils } from "@web_tour/tour_service/tour_utils";

// Started on the home's own path, so that they run at desktop and phone widths.
registry.category("web_tour.tours").add("hr_performance_home_employee", {
    url: "/odoo/performance",
    steps: () => [
        {
            content: "The home shows the employee's goals with their health",
            trigger: '.o_hr_performance_home_goal:contains("Cut onboarding to 5 days") .badge',
        },
        {
            content: "The next check-in shows its agenda",
            trigger: '.o_hr_performance_home_checkin li:contains("Conference budget")',
        },
        {
            content: "Open the goal from its card",
            trigger: '.o_hr_performance_home_goal:contains("Cut onboarding to 5 days")',
            run: "click",
        },
        {
            content: "The goal's form opens",
            trigger: '.o_form_view .o_field_widget[name=name]:contains("Cut onboarding to 5 days"), .o_form_view .o_field_widget[name=name] input:value("Cut onboarding to 5 days")',
        },
        {
            content: "Back to the home",
            trigger: ".o_breadcrumb .o_back_button",
            run: "click",
        },
        {
            content: "Open the request to answer from its card",
            trigger: '.o_hr_performance_home_request:contains("Pablo Peer")',
            run: "click",
        },
        {
            content: "The request's form opens",
            trigger: '.o_form_view .o_field_widget[name=employee_id]:contains("Pablo Peer")',
        },
    ],
});

registry.category("web_tour.tours").add("hr_performance_home_manager", {
    url: "/odoo/performance",
    steps: () => [
        {
            content: "The overdue report is at the top of what needs the manager",
            trigger: '.o_hr_performance_home_need:first-child:contains("Pablo Peer")',
        },
        {
            content: "Their row says the check-in is overdue",
            trigger: '.o_hr_performance_home_report:contains("Pablo Peer") .o_hr_performance_home_overdue',
        },
        {
            content: "Schedule a check-in with them in one click",
            trigger: '.o_hr_performance_home_report:contains("Pablo Peer") .o_hr_performance_home_schedule',
            run: "click",
        },
        {
            content: "A new check-in with the report opens",
            trigger: '.o_form_view .o_field_widget[name=employee_id]:contains("Pablo Peer"), .o_form_view .o_field_widget[name=employee_id] input:value("Pablo Peer")',
        },
        ...stepUtils.saveForm(),
        {
            content: "The check-in is planned",
            trigger: '.o_form_view .o_statusbar_status button.o_arrow_button_current:contains("Planned")',
        },
    ],
});
