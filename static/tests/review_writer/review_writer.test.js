import { beforeEach, describe, expect, test } from "@odoo/hoot";
import { click, edit, queryAll, queryAllTexts, select } from "@odoo/hoot-dom";
import { animationFrame } from "@odoo/hoot-mock";
import { hrModels } from "@hr/../tests/hr_test_helpers";
import {
    defineModels,
    makeServerError,
    mockService,
    mountWithCleanup,
    onRpc,
} from "@web/../tests/web_test_helpers";
import { ReviewWriter, textToHtml } from "@hr_performance/review_writer/review_writer";

describe.current.tags("desktop");
// The services of the addon's dependencies (mail, hr) read these at start.
defineModels(hrModels);

const LEVELS = [
    { id: 1, name: "Below", value: 1, description: "Misses the bar" },
    { id: 2, name: "Meets", value: 2, description: "Solid, expected work" },
    { id: 3, name: "Exceeds", value: 3, description: "Beyond the role" },
];

let data;

function writerData(role = "self") {
    return {
        review: {
            id: 7,
            name: "Eva Employee, 2026 review",
            employee: "Eva Employee",
            cycle: "2026 review",
            state: role === "self" ? "self_review" : "manager_review",
            state_label: role === "self" ? "Self Review" : "Manager Review",
            role,
            editable: true,
            deadline: "2026-03-31",
            days_left: 5,
        },
        levels: LEVELS,
        sections: [
            { id: 10, name: "Goals", kind: "goals", weight: 40 },
            { id: 11, name: "Competencies", kind: "competencies", weight: 60 },
        ],
        lines: [
            {
                id: 101,
                section_id: 11,
                name: "Ownership",
                description: "Takes responsibility for outcomes",
                answer_type: "rating",
                required: true,
                rating_level_id: 2,
                comment: "",
                counterpart_rating: role === "manager" ? "Exceeds" : "",
                counterpart_comment: role === "manager" ? "I led the migration" : "",
            },
            {
                id: 102,
                section_id: 11,
                name: "Collaboration",
                description: "",
                answer_type: "rating_text",
                required: true,
                rating_level_id: false,
                comment: "",
                counterpart_rating: "",
                counterpart_comment: "",
            },
            {
                id: 103,
                section_id: 11,
                name: "Anything else?",
                description: "",
                answer_type: "text",
                required: false,
                rating_level_id: false,
                comment: "",
                counterpart_rating: "",
                counterpart_comment: "",
            },
        ],
        goals: [
            {
                id: 5,
                name: "Ship the onboarding revamp",
                progress: 60,
                health: "at_risk",
                health_label: "At Risk",
                weight: 1,
                date_deadline: "2026-06-30",
            },
        ],
        assessment:
            role === "manager"
                ? {
                      proposed_rating_level_id: false,
                      potential: false,
                      potentials: [
                          ["low", "Low"],
                          ["medium", "Medium"],
                          ["high", "High"],
                      ],
                      manager_comment: "",
                  }
                : false,
    };
}

async function mountWriter() {
    onRpc("hr.performance.review", "get_writer_data", ({ args }) => {
        expect.step(`get_writer_data ${args[0]}`);
        return data;
    });
    const writer = await mountWithCleanup(ReviewWriter, {
        props: { action: { context: { active_id: 7 }, params: {} } },
    });
    expect.verifySteps(["get_writer_data 7"]);
    return writer;
}

beforeEach(() => {
    data = writerData();
});

test("lists each question with its description, the scale's levels and what is left", async () => {
    await mountWriter();
    expect(".o_perf_writer_title").toHaveText("My self review");
    expect(".o_perf_writer_progress").toHaveText("1 of 3 answered");
    expect(".o_perf_writer_missing").toHaveText("1 required left");
    expect(".o_perf_writer_deadline").toHaveText(/5 days left/);
    expect(".o_perf_writer_question").toHaveCount(3);
    expect(".o_perf_writer_question_name:first").toHaveText(/^1\.\s*Ownership/);
    expect(".o_perf_writer_question_name:last").toHaveText(/^3\.\s*Anything else\?/);
    expect(".o_perf_writer_description").toHaveText("Takes responsibility for outcomes");
    expect(".o_perf_writer_required").toHaveCount(2);
    // The levels with their meaning, under each rated question (not the text one).
    expect(".o_perf_rating_picker").toHaveCount(2);
    expect(queryAllTexts(".o_perf_writer_question:first .o_perf_rating_description")).toEqual(
        LEVELS.map((level) => level.description)
    );
    expect(".o_perf_writer_question:first .o_perf_rating_level.active").toHaveText(/Meets/);
    // The goals of the period under the goals section, with their progress.
    expect(".o_perf_writer_goal").toHaveText(/Ship the onboarding revamp/);
    expect(".o_perf_writer_goal").toHaveText(/At Risk/);
    expect(".o_perf_writer_goal").toHaveText(/60 %/);
    expect(".o_perf_writer_goals").toHaveText(/40 % of the review/);
    // The employee writes alone: no manager's answer, no proposal.
    expect(".o_perf_writer_counterpart").toHaveCount(0);
    expect(".o_perf_writer_assessment").toHaveCount(0);
});

test("counts answers as they are given and saves the changed ones through write", async () => {
    onRpc("hr.performance.review.line", "write", ({ args }) => {
        expect.step(["write", args[0], args[1]]);
        return true;
    });
    await mountWriter();
    await click(".o_perf_writer_question[data-line-id='102'] .o_perf_rating_level[data-level-id='3'] input");
    await animationFrame();
    expect(".o_perf_writer_progress").toHaveText("2 of 3 answered");
    expect(".o_perf_writer_missing").toHaveCount(0);
    await click(".o_perf_writer_question[data-line-id='103'] textarea");
    await edit("Thanks <team>\nfor the year");
    await animationFrame();
    expect(".o_perf_writer_progress").toHaveText("3 of 3 answered");
    await click(".o_perf_writer_save");
    await animationFrame();
    expect.verifySteps([
        ["write", [102], { rating_level_id: 3, comment: "" }],
        ["write", [103], { rating_level_id: false, comment: "<p>Thanks &lt;team&gt;<br>for the year</p>" }],
    ]);
});

test("submits through the step's action and shows its refusal", async () => {
    mockService("action", {
        doAction: (action, options) => expect.step(`open ${action.res_model} ${options.stackPosition}`),
    });
    onRpc("hr.performance.review", "action_submit_self_review", ({ args }) => {
        expect.step(`submit ${args[0]}`);
        if (!data.allowed) {
            throw makeServerError({ description: "Answer every required question first: Collaboration" });
        }
        return true;
    });
    await mountWriter();
    await click(".o_perf_writer_submit");
    await animationFrame();
    expect(".o_perf_writer_error").toHaveText("Answer every required question first: Collaboration");
    data.allowed = true;
    await click(".o_perf_writer_submit");
    await animationFrame();
    expect(".o_perf_writer_error").toHaveCount(0);
    expect.verifySteps(["submit 7", "submit 7", "open hr.performance.review replaceCurrentAction"]);
});

test("one question at a time, or all on one page", async () => {
    await mountWriter();
    expect(".o_perf_writer_question").toHaveCount(3);
    await click(".o_perf_writer_mode");
    await animationFrame();
    // First the goals behind the goals section, then one question per step.
    expect(".o_perf_writer_goals").toHaveCount(1);
    expect(".o_perf_writer_question").toHaveCount(0);
    await click(".o_perf_writer_next");
    await animationFrame();
    expect(".o_perf_writer_question").toHaveCount(1);
    expect(".o_perf_writer_question_name").toHaveText(/Ownership/);
    expect(".o_perf_writer_section").toHaveText("Competencies");
    await click(".o_perf_writer_next");
    await animationFrame();
    expect(".o_perf_writer_question_name").toHaveText(/Collaboration/);
    await click(".o_perf_writer_previous");
    await animationFrame();
    expect(".o_perf_writer_question_name").toHaveText(/Ownership/);
    await click(".o_perf_writer_mode");
    await animationFrame();
    expect(".o_perf_writer_question").toHaveCount(3);
});

test("the manager sees the employee's answers beside and proposes a rating", async () => {
    data = writerData("manager");
    onRpc("hr.performance.review", "write", ({ args }) => {
        expect.step(["review write", args[0], args[1]]);
        return true;
    });
    await mountWriter();
    expect(".o_perf_writer_title").toHaveText("Review of Eva Employee");
    expect(".o_perf_writer_counterpart").toHaveCount(1);
    expect(".o_perf_writer_counterpart").toHaveText(/Exceeds/);
    expect(".o_perf_writer_counterpart").toHaveText(/I led the migration/);
    expect(".o_perf_writer_assessment").toHaveCount(1);
    await click(".o_perf_writer_assessment .o_perf_rating_level[data-level-id='3'] input");
    await animationFrame();
    await select("high", { target: ".o_perf_writer_potential" });
    await animationFrame();
    await click(".o_perf_writer_save");
    await animationFrame();
    expect.verifySteps([
        ["review write", [7], { proposed_rating_level_id: 3, potential: "high", manager_comment: "" }],
    ]);
});

test("a review that is not at the user's step is read-only", async () => {
    data.review.editable = false;
    await mountWriter();
    expect(".o_perf_writer_readonly").toHaveCount(1);
    expect(".o_perf_writer_submit").toHaveCount(0);
    expect(".o_perf_writer_save").toHaveCount(0);
    expect(queryAll(".o_perf_rating_picker input:not(:disabled)")).toHaveLength(0);
});

test("leaving saves the draft first, and stays when the server refuses it", async () => {
    onRpc("hr.performance.review.line", "write", ({ args }) => {
        expect.step(`write ${args[0]}`);
        if (data.refuse) {
            throw makeServerError({ description: "This answer is not yours to give, or no longer open." });
        }
        return true;
    });
    const writer = await mountWriter();
    expect(await writer.saveBeforeLeaving()).toBe(true);
    expect.verifySteps([]);
    await click(".o_perf_writer_question[data-line-id='102'] .o_perf_rating_level[data-level-id='1'] input");
    await animationFrame();
    data.refuse = true;
    expect(await writer.saveBeforeLeaving()).toBe(false);
    await animationFrame();
    expect(".o_perf_writer_error").toHaveText("This answer is not yours to give, or no longer open.");
    data.refuse = false;
    expect(await writer.saveBeforeLeaving()).toBe(true);
    expect.verifySteps(["write 102", "write 102"]);
});

test("plain text answers are stored as escaped HTML paragraphs", () => {
    expect(textToHtml("  ")).toBe("");
    expect(textToHtml("a & b\n\nc")).toBe("<p>a &amp; b</p><p>c</p>");
});
