// @vitest-environment jsdom
import {afterEach, beforeEach, expect, test} from "vitest";
import {fitWidth} from "../../src/components/fit-width.ts";

/** A ResizeObserver the test drives: `report(width)` delivers a width to every observer of live elements. */
class FakeObserver {
  static all: FakeObserver[] = [];
  targets: Element[] = [];
  disconnected = false;
  constructor(private readonly callback: (entries: {contentRect: {width: number}}[]) => void) {
    FakeObserver.all.push(this);
  }
  observe(target: Element) {
    this.targets.push(target);
  }
  disconnect() {
    this.disconnected = true;
  }
  static report(width: number) {
    for (const o of FakeObserver.all) if (!o.disconnected && o.targets.length) o.callback([{contentRect: {width}}]);
  }
}

beforeEach(() => {
  FakeObserver.all = [];
  (globalThis as any).ResizeObserver = FakeObserver;
});
afterEach(() => {
  delete (globalThis as any).ResizeObserver;
});

const chart = (width: number) => Object.assign(document.createElement("span"), {textContent: `w${width}`});

test("a slot's first chart waits for the observed width, as Framework's resize() does", () => {
  const calls: number[] = [];
  const div = fitWidth((width) => (calls.push(width), chart(width)));
  expect(div.textContent).toBe("");
  FakeObserver.report(0);
  expect(div.textContent).toBe("");
  FakeObserver.report(612);
  expect(div.textContent).toBe("w612");
  expect(calls).toEqual([612]);
});

test("the slot's next chart is drawn at once at the remembered width, and not again when the observer reports it", () => {
  const render = (width: number) => chart(width + 1);
  fitWidth(render);
  FakeObserver.report(500);
  const calls: number[] = [];
  // the same source text: the same slot, as when a cell runs again for a new filter
  const again = fitWidth((width: number) => (calls.push(width), chart(width + 1)));
  expect(again.textContent).toBe("");
  const slotted = fitWidth(render);
  expect(slotted.textContent).toBe("w501");
  FakeObserver.report(500);
  expect(slotted.textContent).toBe("w501");
});

test("a width that differs from the remembered one redraws; a function that draws nothing empties the slot", () => {
  let empty = false;
  const render = (width: number) => (empty ? null : chart(width));
  fitWidth(render);
  FakeObserver.report(300);
  const div = fitWidth(render);
  expect(div.textContent).toBe("w300");
  FakeObserver.report(420);
  expect(div.textContent).toBe("w420");
  empty = true;
  FakeObserver.report(400);
  expect(div.childNodes.length).toBe(0);
});

test("invalidation disconnects the observer", async () => {
  let invalidate!: () => void;
  const invalidation = new Promise<void>((resolve) => (invalidate = resolve));
  const div = fitWidth((width) => chart(width * 2), invalidation);
  invalidate();
  await invalidation;
  FakeObserver.report(100);
  expect(div.textContent).toBe("");
});

test("a slot's first chart below the window is drawn after the frame, at the width observed last", async () => {
  const div = fitWidth((width) => chart(width - 1));
  div.getBoundingClientRect = () => ({top: 5000}) as DOMRect;
  FakeObserver.report(700);
  expect(div.textContent).toBe("");
  FakeObserver.report(650);
  // jsdom has no requestIdleCallback: whenIdle falls back to 50 ms
  await new Promise((resolve) => setTimeout(resolve, 80));
  expect(div.textContent).toBe("w649");
});

test("the slots waiting in a frame read their tops before any of them draws, so that no draw lays the page out again", () => {
  const reads: number[] = [];
  const drawnAfterReads: number[] = [];
  const slots = [0, 1, 2].map((i) => {
    const div = fitWidth((width) => (drawnAfterReads.push(reads.length), chart(width + i + 1000)));
    div.getBoundingClientRect = () => (reads.push(i), {top: i * 100}) as DOMRect;
    document.body.append(div);
    return div;
  });
  // one frame: each slot's observer is called in turn
  FakeObserver.report(400);
  expect(slots.map((d) => d.textContent)).toEqual(["w1400", "w1401", "w1402"]);
  // every top was read before the first chart was drawn, once each
  expect(drawnAfterReads).toEqual([3, 3, 3]);
  expect(reads.sort()).toEqual([0, 1, 2]);
  slots.forEach((d) => d.remove());
});
