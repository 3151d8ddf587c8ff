import { registry } from "@web/core/registry";
import { stepUtils } from "@web_tour/tour_service/tour_utils";

registry.category("web_tour.tours").add("hr_performance_open_app", {
    url: "/odoo",
    steps: () => [
        ...stepUtils.goToAppSteps("hr_performance.menu_performance_root", "Open the Performance app"),
        {
            content: "The app opens on the home",
            trigger: '.o_main_navbar .o_menu_brand:contains("Performance")',
        },
        {
            content: "The home lists the manager's direct reports",
            trigger: '.o_hr_performance_home_report:contains("Eva Employee")',
        },
        {
            content: "Open the manager's team",
            trigger: '.o_main_navbar a[data-menu-xmlid="hr_performance.menu_performance_team"]',
            run: "click",
        },
        {
            content: "A direct report is listed",
            trigger: '.o_kanban_record:contains("Eva Employee")',
        },
        {
            content: "The manager is not listed as his own report",
            trigger: '.o_kanban_renderer:not(:has(.o_kanban_record:contains("Marco Manager")))',
        },
    ],
});
