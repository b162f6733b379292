/**
 * The markers of the build's first paint (scripts/first-paint.ts), shared with the page code that reads it.
 */

/** The attribute of an `<observablehq-loading>` placeholder that holds a cell's snapshot. */
export const FIRST_PAINT = "data-first-paint";

/** The class on `<html>` of a page opened with a query string, whose snapshots are hidden (they show the default view). */
export const FIRST_PAINT_OFF = "first-paint-off";
