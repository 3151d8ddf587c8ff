import { registry } from "@web/core/registry";
import { stepUtils } from "@web_tour/tour_service/tour_utils";

// A whole day through the UI, each screen reached by a click on the one
// before, from the home. They run at desktop and phone widths: the steps
// marked "mobile" are the phone's own (the writer pages one question at a
// time there; the form's header buttons sit in its gear menu).

function question(name) {
    return `.o_perf_writer_question:has(.o_perf_writer_question_name:contains("${name}"))`;
}

function backToTheHome() {
    return [
        { content: "Back to the home", trigger: ".o_breadcrumb .o_back_button", run: "click" },
        { content: "The home is back", trigger: ".o_hr_performance_home" },
    ];
}

/** The form's current status: an arrow on a desktop, a drop-down on a phone. */
function statusIs(label) {
    return {
        content: `The status is now: ${label}`,
        trigger: [".o_arrow_button_current", ".dropdown-toggle"]
            .map((button) => `.o_form_view .o_statusbar_status ${button}:contains("${label}")`)
            .join(", "),
    };
}

function nextQuestionOnAPhone() {
    return { isActive: ["mobile"], trigger: ".o_perf_writer_next:enabled", run: "click" };
}

registry.category("web_tour.tours").add("hr_performance_employee_day", {
    url: "/odoo/performance",
    steps: () => [
        // 1. A colleague's request for feedback.
        {
            content: "Open the request about Pablo from the home",
            trigger: '.o_hr_performance_home_request:contains("Pablo Peer")',
            run: "click",
        },
        {
            content: "The question asked",
            trigger: '.o_form_view .o_field_widget[name=question]:contains("release")',
        },
        {
            content: "Answer it",
            trigger: ".o_form_view .o_field_html[name=answer] .odoo-editor-editable > *:first-child",
            run: "editor Clear release notes, and he stayed late for the rollback",
        },
        ...stepUtils.statusbarButtonsSteps("Submit", "Submit the answer"),
        statusIs("Submitted"),
        ...backToTheHome(),
        {
            content: "Nothing left to answer",
            trigger: ".o_hr_performance_home:not(:has(.o_hr_performance_home_request))",
        },
        // 2. An update of a goal.
        {
            content: "Open the goal from its card",
            trigger: '.o_hr_performance_home_goal:contains("Cut onboarding to 5 days")',
            run: "click",
        },
        ...stepUtils.statusbarButtonsSteps("Record Update", "Record an update"),
        {
            content: "The value reached",
            trigger: ".modal .o_field_widget[name=value] input",
            run: "edit 7",
        },
        {
            trigger: ".modal .o_field_widget[name=note] textarea",
            run: "edit Accounts are ready on day one",
        },
        { content: "Save the update", trigger: ".modal footer button.btn-primary", run: "click" },
        {
            content: "Open the goal's history",
            trigger: 'body:not(:has(.modal)) .o_notebook .nav-link:contains("Updates")',
            run: "click",
        },
        {
            content: "The update is in it",
            trigger: '.o_field_widget[name=update_ids] :contains("Accounts are ready on day one")',
        },
        ...backToTheHome(),
        {
            content: "The next update is not due today any more",
            trigger: '.o_hr_performance_home_goal:contains("Cut onboarding to 5 days") small:contains("Next update in")',
        },
        // 3. The self review, through the writer.
        {
            content: "It is Eva's turn on her review: the card opens the writer",
            trigger: '.o_hr_performance_home_review:contains("Your turn")',
            run: "click",
        },
        { content: "The writer opens", trigger: '.o_perf_writer_progress:contains("0 of 2 answered")' },
        nextQuestionOnAPhone(),
        {
            content: "Rate Ownership",
            trigger: `${question("Ownership")} .o_perf_rating_level:contains("Exceeds Expectations") input`,
            run: "click",
        },
        { trigger: `${question("Ownership")} textarea`, run: "edit Led the migration" },
        nextQuestionOnAPhone(),
        { trigger: `${question("Anything else")} textarea`, run: "edit More mentoring next year" },
        { trigger: '.o_perf_writer_progress:contains("2 of 2 answered")' },
        { content: "Submit the self review", trigger: ".o_perf_writer_submit", run: "click" },
        statusIs("Manager Review"),
        ...backToTheHome(),
        {
            content: "The home says the review waits for the next step",
            trigger: '.o_hr_performance_home_review:contains("Manager Review"):contains("Waiting for the next step")',
        },
    ],
});

registry.category("web_tour.tours").add("hr_performance_manager_day", {
    url: "/odoo/performance",
    steps: () => [
        // 1. An overdue check-in, scheduled from what needs the manager now.
        {
            content: "Pablo's row says his check-in is overdue",
            trigger: '.o_hr_performance_home_report:contains("Pablo Peer") .o_hr_performance_home_overdue',
        },
        {
            content: "The overdue check-in comes first in what needs the manager",
            trigger: '.o_hr_performance_home_need:first-child[data-kind=checkin]:contains("Pablo Peer")',
            run: "click",
        },
        {
            content: "A new check-in with Pablo opens",
            trigger: '.o_form_view .o_field_widget[name=employee_id]:contains("Pablo Peer"), .o_form_view .o_field_widget[name=employee_id] input:value("Pablo Peer")',
        },
        ...stepUtils.saveForm(),
        statusIs("Planned"),
        ...backToTheHome(),
        {
            content: "Pablo's row now opens the planned check-in",
            trigger: '.o_hr_performance_home_report:contains("Pablo Peer") .o_hr_performance_home_schedule:contains("Open check-in")',
        },
        // 2. Eva's review, through the writer.
        {
            content: "Eva's review waits for the manager: write it",
            trigger: '.o_hr_performance_home_need[data-kind=review]:contains("Eva Employee")',
            run: "click",
        },
        nextQuestionOnAPhone(),
        {
            content: "Eva's answer beside the question",
            trigger: `${question("Ownership")} .o_perf_writer_counterpart:contains("Exceeds Expectations")`,
        },
        {
            content: "Rate Ownership",
            trigger: `${question("Ownership")} .o_perf_rating_level:contains("Outstanding") input`,
            run: "click",
        },
        nextQuestionOnAPhone(),
        nextQuestionOnAPhone(),
        {
            content: "Propose a rating",
            trigger: '.o_perf_writer_assessment .o_perf_rating_level:contains("Outstanding") input',
            run: "click",
        },
        { trigger: ".o_perf_writer_summary", run: "edit A strong year" },
        { content: "Submit the review", trigger: ".o_perf_writer_submit", run: "click" },
        statusIs("Calibration"),
        ...backToTheHome(),
        {
            content: "Eva's review no longer waits for the manager",
            trigger: '.o_hr_performance_home:not(:has(.o_hr_performance_home_need[data-kind=review])) .o_hr_performance_home_report:contains("Eva Employee"):contains("Calibration")',
        },
    ],
});
