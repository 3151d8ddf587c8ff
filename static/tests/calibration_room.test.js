import { defineMailModels } from "@mail/../tests/mail_test_helpers";
import { beforeEach, describe, expect, test } from "@odoo/hoot";
import { queryAllTexts } from "@odoo/hoot-dom";
import { animationFrame } from "@odoo/hoot-mock";
import {
    contains,
    defineModels,
    getService,
    models,
    mountWithCleanup,
    onRpc,
    patchWithCleanup,
} from "@web/../tests/web_test_helpers";
import { WebClient } from "@web/webclient/webclient";

describe.current.tags("desktop", "hr_performance_calibration_room");

class HrPerformanceCalibration extends models.Model {
    _name = "hr.performance.calibration";
}
class HrPerformanceReview extends models.Model {
    _name = "hr.performance.review";
}
defineMailModels();
defineModels([HrPerformanceCalibration, HrPerformanceReview]);

const LABELS = [
    [1, "Risk", "danger"],
    [2, "Effective", "warning"],
    [3, "Trusted professional", "info"],
    [4, "Inconsistent player", "warning"],
    [5, "Core player", "info"],
    [6, "High performer", "success"],
    [7, "Rough diamond", "warning"],
    [8, "Future star", "primary"],
    [9, "Future leader", "success"],
];

function roomData() {
    const level = (id, name, value, band, target_percent, count, target_count) => ({
        id,
        name,
        value,
        band,
        target_percent,
        count,
        target_count,
        percent: count * 50,
    });
    const person = (review_id, employee_id, name, level_id, potential, cell, movable) => ({
        review_id,
        employee_id,
        name,
        level_id,
        potential,
        cell,
        movable,
        manager_id: 7,
        department_id: 3,
        overall_score: null,
    });
    return {
        sessions: [
            { id: 1, name: "Engineering", state: "in_progress", cycle_id: 5, cycle_name: "2026" },
        ],
        boxes: LABELS.map(([cell, label, color]) => ({ cell, label, color })),
        session: {
            id: 1,
            name: "Engineering",
            state: "in_progress",
            cycle_id: 5,
            cycle_name: "2026",
            min_group_size: 2,
            potentials: [
                { key: "low", label: "Low potential" },
                { key: "medium", label: "Medium potential" },
                { key: "high", label: "High potential" },
            ],
            bands: ["Low performance", "Medium performance", "High performance"],
            levels: [
                level(11, "Unsatisfactory", 1, 0, 10, 0, 0),
                level(12, "Needs Improvement", 2, 0, 20, 0, 0),
                level(13, "Meets Expectations", 3, 1, 40, 1, 1),
                level(14, "Exceeds Expectations", 4, 2, 20, 0, 1),
                level(15, "Outstanding", 5, 2, 10, 1, 0),
            ],
            people: [
                person(1, 101, "Eva Employee", 13, "medium", 5, true),
                person(2, 102, "Pablo Peer", 15, "high", 9, true),
                person(3, 103, "Nina New", false, false, 0, false),
            ],
            pool: { count: 2, mean: 4 },
            managers: [
                {
                    id: 7,
                    name: "Marco Manager",
                    count: 2,
                    mean: 4,
                    z_score: 2.3,
                    flag: "lenient",
                    suppressed: false,
                    low: 2.5,
                    high: 3.5,
                },
            ],
            departments: [],
            adjustments: [],
        },
    };
}

async function openRoom() {
    await mountWithCleanup(WebClient);
    await getService("action").doAction({
        type: "ir.actions.client",
        tag: "hr_performance.calibration_room",
        params: { calibration_id: 1 },
    });
    await animationFrame();
}

/** Records the actions the room asks for (other than itself) as steps. */
function spyActions() {
    patchWithCleanup(getService("action"), {
        doAction(action, options) {
            if (action?.tag === "hr_performance.calibration_room") {
                return super.doAction(...arguments);
            }
            expect.step(
                `${action.res_model} ${action.res_id || ""} ${action.views[0][1]} ${
                    action.context?.default_level_id || ""
                } ${action.context?.calibration_id || ""}`.trim()
            );
            options?.onClose?.();
        },
    });
}

beforeEach(() => {
    onRpc("hr.performance.calibration", "get_room_data", ({ kwargs }) => {
        expect.step(`get_room_data ${kwargs.calibration_id}`);
        return roomData();
    });
    onRpc("hr.performance.review", "action_open_calibrate", ({ args }) => {
        expect.step(`action_open_calibrate ${args[0]}`);
        return {
            type: "ir.actions.act_window",
            res_model: "hr.performance.calibrate",
            view_mode: "form",
            target: "new",
            context: { default_review_ids: args[0], default_level_id: 13 },
        };
    });
});

test("the 9-box shows labelled, coloured boxes with counts and faces", async () => {
    await openRoom();
    expect.verifySteps(["get_room_data 1"]);
    expect(".o_calibration_box").toHaveCount(9);
    expect(queryAllTexts(".o_calibration_box_label")).toEqual([
        "Rough diamond",
        "Future star",
        "Future leader",
        "Inconsistent player",
        "Core player",
        "High performer",
        "Risk",
        "Effective",
        "Trusted professional",
    ]);
    expect(".o_calibration_box[data-cell='9']").toHaveClass("bg-success-subtle");
    expect(".o_calibration_box[data-cell='1']").toHaveClass("bg-danger-subtle");
    expect(".o_calibration_box[data-cell='9'] .o_calibration_count").toHaveText("1");
    expect(".o_calibration_box[data-cell='8'] .o_calibration_count").toHaveText("0");
    // (Hoot replaces image sources: the card names the employee whose avatar it shows.)
    expect(".o_calibration_box[data-cell='9'] .o_calibration_card img").toHaveCount(1);
    expect(".o_calibration_box[data-cell='9'] .o_calibration_card").toHaveAttribute(
        "data-employee-id",
        "102"
    );
    expect(".o_calibration_box[data-cell='5'] .o_calibration_name").toHaveText("Eva Employee");
    // Someone without a rating is listed apart and cannot be dragged.
    expect(".o_calibration_box .o_calibration_card[data-review-id='3']").toHaveCount(0);
    expect(".o_calibration_card[data-review-id='3']").not.toHaveClass("o_movable");
    // One column per rating, with its count and its distance to the target.
    expect(".o_calibration_level").toHaveCount(5);
    expect(".o_calibration_level[data-level='14'] .o_calibration_off_target").toHaveText(
        "1 under target"
    );
});

test("statistics are drawn: the manager's mean against the pool, flags", async () => {
    await openRoom();
    expect(".o_calibration_managers .o_calibration_group").toHaveCount(1);
    expect(".o_calibration_managers .o_calibration_mean").toHaveText("4.00");
    expect(".o_calibration_managers .o_calibration_dot").toHaveClass("bg-warning");
    expect(".o_calibration_managers .o_calibration_dot").toHaveAttribute(
        "style",
        "left: 75%; width: .7rem; height: .7rem"
    );
    expect(".o_calibration_managers .o_calibration_band").toHaveAttribute(
        "style",
        "left: 37.5%; width: 25%"
    );
    expect(queryAllTexts(".o_calibration_flag")).toEqual([
        "Marco Manager: Lenient",
        "Exceeds Expectations: 0 / 1",
        "Outstanding: 1 / 0",
    ]);
    expect(".o_calibration_departments").toHaveText(/No rated review yet/);
    expect.verifySteps(["get_room_data 1"]);
});

test("dragging a person to a higher column opens the reason dialog for its lowest rating", async () => {
    await openRoom();
    spyActions();
    await contains(".o_calibration_card[data-review-id='1']").dragAndDrop(
        ".o_calibration_box[data-cell='6']"
    );
    await animationFrame();
    expect.verifySteps([
        "get_room_data 1",
        "action_open_calibrate 1",
        "hr.performance.calibrate  form 14 1",
        // the dialog closed: the room reloads its session
        "get_room_data 1",
    ]);
});

test("dropping a person on a rating column asks for that rating", async () => {
    await openRoom();
    spyActions();
    await contains(".o_calibration_card[data-review-id='2']").dragAndDrop(
        ".o_calibration_level[data-level='11']"
    );
    await animationFrame();
    expect.verifySteps([
        "get_room_data 1",
        "action_open_calibrate 2",
        "hr.performance.calibrate  form 11 1",
        "get_room_data 1",
    ]);
});

test("a drop on another potential row or on the same column moves nobody", async () => {
    await openRoom();
    spyActions();
    await contains(".o_calibration_card[data-review-id='1']").dragAndDrop(
        ".o_calibration_box[data-cell='8']"
    );
    await animationFrame();
    expect(".o_notification").toHaveText(/Potential is the manager's assessment/);
    await contains(".o_calibration_card[data-review-id='1']").dragAndDrop(
        ".o_calibration_box[data-cell='5'] .o_calibration_box_label"
    );
    await animationFrame();
    expect.verifySteps(["get_room_data 1"]);
});

test("a drop in the gutter just above a box counts as in the box", async () => {
    await openRoom();
    spyActions();
    await contains(".o_calibration_card[data-review-id='1']").dragAndDrop(
        ".o_calibration_box[data-cell='6']",
        { position: "top" }
    );
    await animationFrame();
    expect.verifySteps([
        "get_room_data 1",
        "action_open_calibrate 1",
        "hr.performance.calibrate  form 14 1",
        "get_room_data 1",
    ]);
});

test("clicking a person opens their review", async () => {
    await openRoom();
    spyActions();
    await contains(".o_calibration_box[data-cell='5'] .o_calibration_card").click();
    expect.verifySteps(["get_room_data 1", "hr.performance.review 1 form"]);
});
