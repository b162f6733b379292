// @vitest-environment jsdom
import {describe, expect, test} from "vitest";
import {FIRST_PAINT, drawnByScript, pageFile, withFirstPaint} from "../../scripts/first-paint.ts";

/** A page as `observable build` writes it: a block cell, two inline cells, and a cell that never displays. */
const BUILT = `<!DOCTYPE html>
<html>
<head>
<meta charset="utf-8">
</head>
<body>
<div class="observablehq observablehq--block"><observablehq-loading></observablehq-loading><!--:aaaaaaaa:--></div>
<div class="grid"><observablehq-loading></observablehq-loading><!--:bbbbbbbb:--><observablehq-loading></observablehq-loading><!--:cccccccc-1:--></div>
<div class="observablehq observablehq--block"><!--:dddddddd:--></div>
</body>
</html>`;

describe("withFirstPaint", () => {
  const snapshots = {aaaaaaaa: '<div class="card chart-card"><svg></svg></div>', "cccccccc-1": '<div class="kpi" data-kpi="x"><div class="big">1,234</div></div>', dddddddd: "<span>late</span>"};
  const html = withFirstPaint(BUILT, snapshots);

  test("puts each cell's snapshot inside its loading placeholder, inert, before its root", () => {
    expect(html).toContain(`<observablehq-loading ${FIRST_PAINT} inert>${snapshots.aaaaaaaa}</observablehq-loading><!--:aaaaaaaa:-->`);
    expect(html).toContain(`<observablehq-loading ${FIRST_PAINT} inert>${snapshots["cccccccc-1"]}</observablehq-loading><!--:cccccccc-1:-->`);
  });

  test("a cell with no placeholder gets one, so that Framework removes the snapshot when the cell displays", () => {
    expect(html).toContain(`<observablehq-loading ${FIRST_PAINT} inert><span>late</span></observablehq-loading><!--:dddddddd:-->`);
  });

  test("a cell with no snapshot keeps Framework's placeholder", () => {
    expect(html).toContain("<observablehq-loading></observablehq-loading><!--:bbbbbbbb:-->");
  });

  test("the head carries the switch that hides the snapshots of a page opened with a query string; every snapshot is inert", () => {
    expect(html.indexOf("first-paint-off")).toBeGreaterThan(html.indexOf("<head>"));
    expect(html.indexOf("first-paint-off")).toBeLessThan(html.indexOf("</head>"));
    document.documentElement.innerHTML = html.replace(/<!DOCTYPE html>\s*<html>|<\/html>$/g, "");
    expect(document.querySelectorAll(`observablehq-loading[${FIRST_PAINT}]`)).toHaveLength(3);
    expect(document.querySelectorAll(`observablehq-loading[${FIRST_PAINT}][inert]`)).toHaveLength(3);
  });

  test("a page done once, or with nothing to add, is returned as it was", () => {
    expect(withFirstPaint(html, snapshots)).toBe(html);
    expect(withFirstPaint(BUILT, {})).toBe(BUILT);
  });
});

test("drawnByScript leaves out what a snapshot holds", () => {
  document.body.innerHTML = `<observablehq-loading ${FIRST_PAINT}><div class="chart-card"><svg id="early"></svg></div></observablehq-loading><div class="chart-card"><svg id="live"></svg></div>`;
  expect(Array.from(document.querySelectorAll(drawnByScript(".chart-card svg")), (e) => e.id)).toEqual(["live"]);
});

test("pageFile maps a page path to its HTML file", () => {
  expect(pageFile("dist", "/")).toBe("dist/index.html");
  expect(pageFile("dist", "/platform")).toBe("dist/platform.html");
});
