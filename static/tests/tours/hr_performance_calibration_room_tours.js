import { animationFrame, drag, hover } from "@odoo/hoot-dom";
import { registry } from "@web/core/registry";

/**
 * Drags ``card`` to the middle of ``target``, holding it first: on a touch
 * screen Odoo's draggable starts only after a long press (300 ms), as a
 * finger would do; with a mouse the wait changes nothing.
 */
async function longPressAndDrag(card, target) {
    const { moveTo, drop } = await drag(card);
    await new Promise((resolve) => setTimeout(resolve, 500));
    await hover(card, { position: { top: 10, left: 10 }, relative: true });
    await animationFrame();
    await moveTo(target, { position: "center" });
    await animationFrame();
    await drop();
    await animationFrame();
}

registry.category("web_tour.tours").add("hr_performance_calibration_room", {
    url: "/odoo/calibration-room",
    steps: () => [
        {
            content: "The 9-box is labelled",
            trigger: '.o_calibration_box[data-cell="9"] .o_calibration_box_label:contains("Future leader")',
        },
        {
            content: "Eva is a core player",
            trigger: '.o_calibration_box[data-cell="5"] .o_calibration_count:contains("2")',
        },
        {
            content: "Drag Eva to the high performers",
            trigger: '.o_calibration_box[data-cell="5"] .o_calibration_card:contains("Eva")',
            run: async (helpers) =>
                longPressAndDrag(helpers.anchor, document.querySelector('.o_calibration_box[data-cell="6"]')),
        },
        {
            content: "The dialog proposes the lowest rating of that column",
            trigger: '.modal .o_field_widget[name=level_id] input:value("Exceeds Expectations")',
        },
        {
            content: "Say why",
            trigger: ".modal .o_field_widget[name=reason] textarea",
            run: "edit Leads the platform migration across two teams",
        },
        { trigger: ".modal-footer button[name=action_apply]", run: "click" },
        {
            content: "Eva is a high performer now",
            trigger: '.o_calibration_box[data-cell="6"] .o_calibration_card:contains("Eva")',
        },
        {
            content: "The move is logged with its reason",
            trigger: '.o_calibration_adjustment:contains("Leads the platform migration across two teams")',
        },
    ],
});
