/**
 * The width a chart is drawn at: Framework's resize() reports the container's width, which is a few pixels (or 0)
 * while a card is laid out or a full-page screenshot resizes the viewport; below its margins a Plot chart would draw
 * negative widths, which the browser rejects with console errors. The narrowest phone card is wider than this.
 */
export const MIN_CHART_WIDTH = 240;

export function chartWidth(width: number): number {
  return Math.max(MIN_CHART_WIDTH, Number.isFinite(width) ? width : MIN_CHART_WIDTH);
}
