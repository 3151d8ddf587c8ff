import { registry } from "@web/core/registry";

// A portal user on a phone: kudos to a colleague, then her development plan.
registry.category("web_tour.tours").add("hr_performance_portal_more_mobile", {
    url: "/my/performance",
    steps: () => [
        { content: "Give kudos", trigger: '.o_perf_links a[href="/my/performance/kudos"]', run: "click" },
        { content: "Pick Eva", trigger: "#perf_kudos_to", run: "selectByLabel Eva Employee" },
        { trigger: "#perf_kudos_body", run: "edit Thanks for covering my on-call shift" },
        { content: "Send", trigger: ".o_perf_kudos_page button[type=submit]", run: "click" },
        { content: "Sent", trigger: '.alert-success:contains("kudos were sent")' },
        { content: "Back to my overview", trigger: '.breadcrumb a[href="/my/performance"]', run: "click" },
        { content: "My development plan", trigger: '.o_perf_links a[href="/my/performance/plan"]', run: "click" },
        {
            content: "Move my action to in progress",
            trigger: ".o_perf_plan_item select",
            run: "select in_progress",
        },
        { trigger: ".o_perf_plan_item button[type=submit]", run: "click" },
        { content: "Updated", trigger: '.alert-success:contains("Status updated")' },
    ],
});
