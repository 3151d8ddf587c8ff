import { registry } from "@web/core/registry";

registry.category("web_tour.tours").add("hr_performance_portal_mobile", {
    url: "/my/performance",
    steps: () => [
        {
            content: "Open my goal",
            trigger: '.o_perf_goal:contains("Answer every ticket")',
            run: "click",
        },
        { content: "Record the progress", trigger: "#perf_progress", run: "edit 45" },
        { content: "Say how confident I am", trigger: "#perf_confidence", run: "select high" },
        { trigger: "#perf_note", run: "edit Backlog under control" },
        { content: "Save the update", trigger: ".o_perf_goal_update button[type=submit]", run: "click" },
        { content: "The update is recorded", trigger: '.alert-success:contains("Update recorded")' },
        { content: "Back to my overview", trigger: '.breadcrumb a[href="/my/performance"]', run: "click" },
        { content: "Open my review", trigger: ".o_perf_review", run: "click" },
        {
            content: "Rate every question (second-best level)",
            trigger: ".o_perf_review_line select",
            run() {
                for (const select of document.querySelectorAll(".o_perf_review_line select")) {
                    select.value = select.options[select.options.length - 2].value;
                    select.dispatchEvent(new Event("change", { bubbles: true }));
                }
            },
        },
        {
            trigger: ".o_perf_review_line textarea",
            run: "edit Shipped the new help centre",
        },
        { content: "Submit the self review", trigger: "button[name=submit]", run: "click" },
        { content: "Submitted", trigger: '.alert-success:contains("Self review submitted")' },
    ],
});
