/**
 * A chart drawn at its container's width, like Framework's `resize((width) => …)`, except that a chart redrawn for a
 * new filter is drawn at once, at the width its slot had the last time, inside the cell that makes it.
 *
 * Framework's resize() draws only when a ResizeObserver reports the new container's width, which comes after the
 * browser has laid the page out once without the chart; the chart then makes it lay the page out again. On the
 * 数字城管案件 page at 10^6 cases, drawing the nine charts of a filter change in the cell took the median change from
 * 160–177 ms to 129–147 ms (interleaved runs of 24 changes, headless Chromium on 2 cores, 2026-12-02). The observer
 * still watches: a width that differs from the remembered one (a window resized, a phone turned) redraws the chart.
 *
 * A slot's first chart below the window is drawn in a task of its own after the first paint, so that the charts a
 * reader sees first are not held back by those further down: on the 案件热点 page the month comparison map and the
 * trend took about 160 ms of the frame that drew the main map (CPU profile, headless Chromium, 10^6 cases).
 */
import {whenIdle} from "./idle.js";

/** The attribute of a slot whose first chart waits for the observer. */
const WAITING = "data-fit-width-waiting";

/** The tops of the waiting slots, read once a frame (see {@link belowTheFold}). */
let tops: Map<Element, number> | null = null;

/**
 * Whether the top of `element` lies below the window. The first slot to ask in a frame reads the tops of every
 * waiting slot of the page at once, while the layout is still clean inside the frame's first ResizeObserver call;
 * the others use those. Each slot reading its own top after another slot had drawn made the browser lay the whole
 * page out again: 68 ms of the frame that drew the first map of 案件热点 (CPU profile, headless Chromium, 10^6
 * cases, 2026-12-03). A top read before other slots drew can only be too high, never too low: a chart drawn above
 * a slot pushes it down, so a slot found below the window is below it.
 */
function belowTheFold(element: Element): boolean {
  if (!tops) {
    tops = new Map(Array.from(document.querySelectorAll(`[${WAITING}]`), (slot) => [slot, slot.getBoundingClientRect().top]));
    setTimeout(() => (tops = null), 0);
  }
  return (tops.get(element) ?? element.getBoundingClientRect().top) > (globalThis.innerHeight || 0);
}

/** Remembered widths by slot; a slot is named by its render function's source text (see {@link fitWidth}). */
const widths = new Map<string, number>();

/**
 * A `div` holding `render(width)`. The first time a slot is drawn it waits for the observer, as Framework's resize()
 * does; afterwards it draws at once at the remembered width and redraws only when the observed width differs.
 * A first chart whose slot starts below the window is drawn once the browser is idle after the frame that shows the
 * rest (within half a second). Slots are told apart by the source text of `render` (each chart's call in a page is
 * written once), so two charts written identically share a width; if their widths differ, each draw costs one
 * redraw, never a wrong width. A width of 0 (a card not laid out, or hidden) draws nothing. `invalidation` (a
 * cell's) disconnects the observer.
 */
export function fitWidth(render: (width: number) => Node | null, invalidation?: Promise<unknown>): HTMLDivElement {
  const slot = render.toString();
  const div = document.createElement("div");
  div.style.position = "relative";
  let drawn = widths.get(slot);
  const draw = (width: number) => {
    drawn = width;
    div.removeAttribute(WAITING);
    const chart = render(width);
    div.replaceChildren(...(chart ? [chart] : []));
  };
  if (drawn !== undefined) draw(drawn);
  else div.setAttribute(WAITING, "");
  let observed = 0;
  let deferred = false;
  const observer = new ResizeObserver(([entry]) => {
    observed = entry.contentRect.width;
    if (observed <= 0) return;
    widths.set(slot, observed);
    if (observed === drawn || deferred) return;
    if (drawn === undefined && belowTheFold(div)) {
      deferred = true;
      whenIdle(() => {
        deferred = false;
        if (observed > 0 && observed !== drawn) draw(observed);
      });
    } else draw(observed);
  });
  observer.observe(div);
  invalidation?.then(() => observer.disconnect());
  return div;
}
