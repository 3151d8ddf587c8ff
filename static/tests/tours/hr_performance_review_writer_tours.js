import { registry } from "@web/core/registry";

function question(name) {
    return `.o_perf_writer_question:has(.o_perf_writer_question_name:contains("${name}"))`;
}

function statusIs(label) {
    return {
        content: `The review is now at: ${label}`,
        trigger: `.o_statusbar_status button.o_arrow_button_current:contains("${label}")`,
    };
}

registry.category("web_tour.tours").add("hr_performance_review_writer_self", {
    url: "/odoo/action-hr_performance.hr_performance_review_action_my",
    steps: () => [
        { content: "Open my review", trigger: ".o_data_row td[name=cycle_id]", run: "click" },
        { content: "Write it", trigger: ".o_form_view button[name=action_open_writer]", run: "click" },
        { content: "What is left", trigger: '.o_perf_writer_progress:contains("0 of 2 answered")' },
        { content: "The deadline", trigger: ".o_perf_writer_deadline:contains(days left)" },
        { content: "The question's description", trigger: '.o_perf_writer_description:contains("Follows through")' },
        { content: "The scale's meaning", trigger: '.o_perf_rating_description:contains("Often goes beyond")' },
        { content: "The goals behind the goals section", trigger: '.o_perf_writer_goal:contains("Ship the onboarding revamp")' },
        { content: "Submitting too early", trigger: ".o_perf_writer_submit", run: "click" },
        { content: "is refused, and says why", trigger: '.o_perf_writer_error:contains("Ownership")' },
        {
            content: "Rate Ownership",
            trigger: `${question("Ownership")} .o_perf_rating_level:contains("Exceeds Expectations") input`,
            run: "click",
        },
        { trigger: `${question("Ownership")} textarea`, run: "edit Led the migration" },
        { trigger: `${question("Anything else")} textarea`, run: "edit More mentoring next year" },
        { trigger: '.o_perf_writer_progress:contains("2 of 2 answered")' },
        { content: "Submit", trigger: ".o_perf_writer_submit", run: "click" },
        statusIs("Manager Review"),
    ],
});

registry.category("web_tour.tours").add("hr_performance_review_writer_manager", {
    url: "/odoo/action-hr_performance.hr_performance_review_action_team",
    steps: () => [
        { content: "Open Eva's review", trigger: '.o_kanban_record:contains("Eva Employee")', run: "click" },
        { content: "Write it", trigger: ".o_form_view button[name=action_open_writer]", run: "click" },
        {
            content: "Eva's answer beside the question",
            trigger: `${question("Ownership")} .o_perf_writer_counterpart:contains("Exceeds Expectations"):contains("Led the migration")`,
        },
        { content: "One question at a time", trigger: ".o_perf_writer_mode", run: "click" },
        { content: "The goals first", trigger: ".o_perf_writer_goals" },
        { trigger: ".o_perf_writer_next", run: "click" },
        {
            content: "Rate Ownership",
            trigger: `${question("Ownership")} .o_perf_rating_level:contains("Outstanding") input`,
            run: "click",
        },
        { trigger: ".o_perf_writer_next", run: "click" },
        { trigger: ".o_perf_writer_next", run: "click" },
        {
            content: "Propose a rating",
            trigger: '.o_perf_writer_assessment .o_perf_rating_level:contains("Outstanding") input',
            run: "click",
        },
        { trigger: ".o_perf_writer_summary", run: "edit A strong year" },
        { content: "Submit", trigger: ".o_perf_writer_submit", run: "click" },
        statusIs("Calibration"),
    ],
});

// On a phone the writer opens one question at a time (started on the writer's URL).
registry.category("web_tour.tours").add("hr_performance_review_writer_phone", {
    steps: () => [
        { content: "The goals come first", trigger: ".o_perf_writer_goals" },
        { content: "What is left", trigger: '.o_perf_writer_progress:contains("0 of 2 answered")' },
        { trigger: ".o_perf_writer_next", run: "click" },
        {
            content: "Rate Ownership",
            trigger: `${question("Ownership")} .o_perf_rating_level:contains("Meets Expectations") input`,
            run: "click",
        },
        { trigger: `${question("Ownership")} textarea`, run: "edit Kept every promise" },
        { trigger: ".o_perf_writer_next", run: "click" },
        { trigger: `${question("Anything else")} textarea`, run: "edit Nothing more" },
        { trigger: '.o_perf_writer_progress:contains("2 of 2 answered")' },
        { content: "Submit", trigger: ".o_perf_writer_submit", run: "click" },
        { content: "Back on the review", trigger: ".o_form_view .o_statusbar_status" },
    ],
});
