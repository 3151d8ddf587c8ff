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
            content: "My Team is the home's team part: a direct report is listed",
            trigger: '.o_hr_performance_home_team .o_hr_performance_home_report:contains("Eva Employee")',
        },
        {
            content: "The manager is not listed as his own report, and his own day is not shown",
            trigger: '.o_hr_performance_home:not(:has(.o_hr_performance_home_report:contains("Marco Manager"))):not(:has(.o_hr_performance_home_employee))',
        },
    ],
});
