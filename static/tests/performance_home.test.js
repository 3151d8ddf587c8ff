import { describe, expect, test } from "@odoo/hoot";
import { click, queryAll, queryAllTexts, queryOne } from "@odoo/hoot-dom";
import { animationFrame } from "@odoo/hoot-mock";
import {
    contains,
    defineModels,
    mockService,
    models,
    mountWithCleanup,
    onRpc,
} from "@web/../tests/web_test_helpers";
import { defineMailModels } from "@mail/../tests/mail_test_helpers";
import { PerformanceHome } from "@hr_performance/home/performance_home";

describe.current.tags("desktop", "hr_performance_home");

class HrPerformanceHome extends models.Model {
    _name = "hr.performance.home";
}
class HrPerformanceReview extends models.Model {
    _name = "hr.performance.review";
}
defineModels([HrPerformanceHome, HrPerformanceReview]);
defineMailModels();

const EMPLOYEE = {
    employee: { id: 7, name: "Eva Employee" },
    goals: [
        {
            id: 11,
            name: "Cut onboarding to 5 days",
            health: "at_risk",
            progress: 40,
            update_due: "2026-03-01",
            update_days_left: -2,
        },
    ],
    checkin: {
        id: 21,
        date: "2026-03-04",
        days_left: 2,
        manager_id: [3, "Marco Manager"],
        agenda: [{ id: 1, name: "Conference budget", done: false }],
    },
    review: {
        id: 31,
        cycle_id: [4, "2026 annual review"],
        state: "self_review",
        state_label: "Self Review",
        deadline: "2026-03-10",
        days_left: 8,
        my_step: true,
    },
    requests: [{ id: 41, employee_id: [8, "Pablo Peer"], deadline: false, days_left: false }],
    development: [
        { id: 51, name: "Public speaking course", plan_id: [5, "Eva's plan"], days_left: 10 },
    ],
    kudos: [
        {
            id: 61,
            employee_id: [7, "Eva Employee"],
            author_user_id: [9, "Pablo Peer"],
            body_text: "Great demo",
        },
    ],
};

function report(id, name, values = {}) {
    return {
        id,
        name,
        job_title: "Engineer",
        goal_health: { on_track: 2 },
        last_checkin_date: false,
        next_checkin_date: false,
        checkin_overdue: false,
        checkin_days_overdue: 0,
        planned_checkin_date: false,
        planned_checkin_id: false,
        last_mood: 0,
        mood_trend: false,
        review: false,
        requests_to_answer: 0,
        ...values,
    };
}

const MANAGER = {
    everyone: false,
    reports: [
        report(7, "Eva Employee", { planned_checkin_id: 21, planned_checkin_date: "2026-03-04" }),
        report(8, "Olivia Bennett", {
            checkin_overdue: true,
            checkin_days_overdue: 12,
            next_checkin_date: "2026-02-18",
            schedule_date: "2026-03-02",
            mood_trend: "down",
            last_mood: 2,
        }),
    ],
    needs_you: [
        {
            kind: "checkin",
            employee_id: 8,
            review_id: false,
            label: "Check-in with Olivia Bennett is overdue",
            days_left: -12,
        },
    ],
};

const HR = {
    cycles: [
        {
            id: 4,
            name: "2026 annual review",
            completion: { total: 10, self_review: 60, manager_review: 20, calibration: 0, shared: 0 },
            departments: [
                { id: 2, name: "Engineering", total: 10, self_review: 60, manager_review: 20, calibration: 0, shared: 0 },
            ],
        },
    ],
    late_managers: [{ id: 3, name: "Marco Manager", count: 2 }],
    calibrations: [{ id: 71, name: "Engineering calibration", date: "2026-03-20" }],
    health: {
        checkins_held: 8,
        checkins_missed: 2,
        checkins_held_percent: 80,
        feedback_given: 5,
        goals_achieved_percent: null,
        self_on_time_percent: 75,
        manager_on_time_percent: 50,
    },
};

function mockHome(data) {
    onRpc("hr.performance.home", "get_home_data", ({ kwargs }) => {
        expect.step(`get_home_data everyone=${kwargs.everyone}`);
        return { today: "2026-03-02", employee: false, manager: false, hr: false, ...data };
    });
}

function mockDoAction() {
    mockService("action", {
        doAction(action) {
            expect.step(typeof action === "string" ? action : JSON.stringify(action));
            return true;
        },
    });
}

test("hr_performance home: the employee's day, each card opens its record", async () => {
    mockHome({ employee: EMPLOYEE });
    mockDoAction();
    await mountWithCleanup(PerformanceHome, { props: { action: {} } });
    expect.verifySteps(["get_home_data everyone=false"]);
    expect(".o_hr_performance_home_team").toHaveCount(0);
    expect(".o_hr_performance_home_hr").toHaveCount(0);
    expect(".o_hr_performance_home_goal").toHaveText(/Cut onboarding to 5 days/);
    expect(".o_hr_performance_home_goal .badge").toHaveText("At Risk");
    expect(".o_hr_performance_home_goal small").toHaveText("Next update 2 days late");
    expect(".o_hr_performance_home_checkin li").toHaveText("Conference budget");
    expect(".o_hr_performance_home_review").toHaveText(/Self Review/);
    expect(".o_hr_performance_home_review").toHaveText(/in 8 days/);
    expect(".o_hr_performance_home_review").toHaveText(/Your turn/);
    expect(".o_hr_performance_home_request").toHaveText(/About Pablo Peer/);
    expect(".o_hr_performance_home_kudo").toHaveText(/Great demo/);

    await click(".o_hr_performance_home_goal");
    await click(".o_hr_performance_home_checkin");
    await click(".o_hr_performance_home_development");
    expect.verifySteps([
        JSON.stringify({ type: "ir.actions.act_window", res_model: "hr.performance.goal", res_id: 11, views: [[false, "form"]] }),
        JSON.stringify({ type: "ir.actions.act_window", res_model: "hr.performance.checkin", res_id: 21, views: [[false, "form"]] }),
        JSON.stringify({ type: "ir.actions.act_window", res_model: "hr.performance.development.plan", res_id: 5, views: [[false, "form"]] }),
    ]);
});

test("hr_performance home: the manager's rows, needs you now and one-click actions", async () => {
    mockHome({ employee: EMPLOYEE, manager: MANAGER });
    mockDoAction();
    await mountWithCleanup(PerformanceHome, { props: { action: {} } });
    expect.verifySteps(["get_home_data everyone=false"]);
    expect(".o_hr_performance_home_need").toHaveCount(1);
    expect(".o_hr_performance_home_need").toHaveText(/Check-in with Olivia Bennett is overdue/);
    expect(".o_hr_performance_home_need").toHaveText(/12 days late/);
    expect(".o_hr_performance_home_report").toHaveCount(2);
    expect(".o_hr_performance_home_report[data-id='8'] .o_hr_performance_home_overdue").toHaveText(
        /Check-in overdue/
    );
    expect(".o_hr_performance_home_report[data-id='7'] .o_hr_performance_home_overdue").toHaveCount(0);
    expect(queryAllTexts(".o_hr_performance_home_report[data-id='7'] .badge")).toEqual(["2 On Track"]);

    // The overdue report: schedule a check-in with them in one click.
    await click(".o_hr_performance_home_need");
    expect.verifySteps([
        JSON.stringify({
            type: "ir.actions.act_window",
            name: "Schedule a Check-in",
            res_model: "hr.performance.checkin",
            views: [[false, "form"]],
            context: { default_employee_id: 8, default_date: "2026-03-02" },
        }),
    ]);
    // A planned check-in opens instead of a new one.
    await click(".o_hr_performance_home_report[data-id='7'] .o_hr_performance_home_schedule");
    await click(".o_hr_performance_home_report[data-id='7'] .o_hr_performance_home_feedback");
    expect.verifySteps([
        JSON.stringify({ type: "ir.actions.act_window", res_model: "hr.performance.checkin", res_id: 21, views: [[false, "form"]] }),
        JSON.stringify({
            type: "ir.actions.act_window",
            name: "Give Feedback",
            res_model: "hr.performance.feedback",
            views: [[false, "form"]],
            target: "new",
            context: { default_employee_id: 7 },
        }),
    ]);
});

test("hr_performance home: a review at the user's writing step opens in the writer", async () => {
    onRpc("hr.performance.review", "action_open_writer", ({ args }) => {
        expect.step(`action_open_writer ${args[0]}`);
        return { type: "ir.actions.client", tag: "hr_performance.review_writer" };
    });
    const writeEva = {
        kind: "review",
        employee_id: 7,
        review_id: 32,
        label: "Write the review of Eva Employee",
        days_left: 5,
    };
    const nominations = { ...writeEva, kind: "nominations", label: "Approve the 360 reviewers" };
    mockHome({
        employee: EMPLOYEE,
        manager: { ...MANAGER, needs_you: [writeEva, nominations] },
    });
    mockDoAction();
    await mountWithCleanup(PerformanceHome, { props: { action: {} } });
    expect.verifySteps(["get_home_data everyone=false"]);
    const writer = JSON.stringify({ type: "ir.actions.client", tag: "hr_performance.review_writer" });
    await click(".o_hr_performance_home_review");
    await animationFrame();
    await click(".o_hr_performance_home_need[data-kind='review']");
    await animationFrame();
    expect.verifySteps(["action_open_writer 31", writer, "action_open_writer 32", writer]);
    // Not at the user's writing step: the review's form.
    await click(".o_hr_performance_home_need[data-kind='nominations']");
    await animationFrame();
    expect.verifySteps([
        JSON.stringify({ type: "ir.actions.act_window", res_model: "hr.performance.review", res_id: 32, views: [[false, "form"]] }),
    ]);
});

test("hr_performance home: a review past the employee's step opens its form", async () => {
    mockHome({ employee: { ...EMPLOYEE, review: { ...EMPLOYEE.review, state: "manager_review", my_step: false } } });
    mockDoAction();
    await mountWithCleanup(PerformanceHome, { props: { action: {} } });
    expect.verifySteps(["get_home_data everyone=false"]);
    await click(".o_hr_performance_home_review");
    await animationFrame();
    expect.verifySteps([
        JSON.stringify({ type: "ir.actions.act_window", res_model: "hr.performance.review", res_id: 31, views: [[false, "form"]] }),
    ]);
});

test("hr_performance home: My Team shows the manager's part only", async () => {
    mockHome({ employee: EMPLOYEE, manager: MANAGER, hr: HR });
    await mountWithCleanup(PerformanceHome, { props: { action: { params: { section: "team" } } } });
    expect.verifySteps(["get_home_data everyone=false"]);
    expect(".o_hr_performance_home_team").toHaveCount(1);
    expect(".o_hr_performance_home_need").toHaveCount(1);
    expect(".o_hr_performance_home_employee").toHaveCount(0);
    expect(".o_hr_performance_home_hr").toHaveCount(0);
});

test("hr_performance home: the toggle reloads everyone below the manager", async () => {
    mockHome({ manager: MANAGER });
    await mountWithCleanup(PerformanceHome, { props: { action: {} } });
    expect.verifySteps(["get_home_data everyone=false"]);
    await contains(".o_hr_performance_home_everyone").click();
    await animationFrame();
    expect.verifySteps(["get_home_data everyone=true"]);
    expect(".o_hr_performance_home_everyone").toBeChecked();
});

test("hr_performance home: HR sees cycles, late managers, sessions and health", async () => {
    mockHome({ hr: HR });
    mockDoAction();
    await mountWithCleanup(PerformanceHome, { props: { action: {} } });
    expect.verifySteps(["get_home_data everyone=false"]);
    expect(".o_hr_performance_home_employee").toHaveCount(0);
    expect(".o_hr_performance_home_cycle").toHaveText(/Self 60 %/);
    await click(".o_hr_performance_home_cycle summary");
    expect(".o_hr_performance_home_cycle details").toHaveText(/Engineering\s*10 reviews/);
    expect(".o_hr_performance_home_late_manager").toHaveText(/Marco Manager\s*2 late/);
    expect(".o_hr_performance_home_calibration").toHaveText(/Engineering calibration/);
    const figures = queryAllTexts(".o_hr_performance_home_health .card");
    expect(figures).toInclude("Check-ins held\n80 %");
    expect(figures).toInclude("Goals achieved\n–");
    await click(".o_hr_performance_home_calibration");
    expect.verifySteps([
        JSON.stringify({ type: "ir.actions.act_window", res_model: "hr.performance.calibration", res_id: 71, views: [[false, "form"]] }),
    ]);
});

test("hr_performance home: a user without employee gets a helpful empty page", async () => {
    mockHome({});
    await mountWithCleanup(PerformanceHome, { props: { action: {} } });
    expect.verifySteps(["get_home_data everyone=false"]);
    expect(".o_view_nocontent").toHaveCount(1);
    expect(queryOne(".o_view_nocontent").textContent).toMatch(/Link your user to an employee/);
    expect(queryAll(".o_hr_performance_home_card")).toHaveLength(0);
});
