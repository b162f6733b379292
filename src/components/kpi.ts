/** A KPI card: the value, its denominator, and the change on the same period a year earlier. */
export interface Kpi {
  label: string;
  value: string;
  /** e.g. "分母：应结案 12,345 件". */
  note?: string;
  /** Change on the previous year, as a fraction (0.05 = +5%) or as percentage points for rates. */
  change?: number | null;
  changeKind?: "relative" | "points";
  /** Whether a rise is good (green) or bad (red). */
  higherIsBetter?: boolean;
  id?: string;
}

type Figure = number | null | undefined;

/** A count's change on the year before as a fraction (0.05 = +5%); null when either year has none to compare. */
export function relativeChange(now: Figure, before: Figure): number | null {
  return now != null && before ? now / before - 1 : null;
}

/** A rate's change on the year before in points of a fraction (0.02 = +2 个百分点); null when either is missing. */
export function pointsChange(now: Figure, before: Figure): number | null {
  return now != null && before != null ? now - before : null;
}

export function formatChange(change: number, kind: "relative" | "points"): string {
  const tenths = Math.round(change * 1000);
  const sign = tenths > 0 ? "+" : tenths < 0 ? "−" : "±";
  const magnitude = (Math.abs(tenths) / 10).toFixed(1);
  return kind === "points" ? `${sign}${magnitude} 个百分点` : `${sign}${magnitude}%`;
}

export function kpiCard(kpi: Kpi): HTMLElement {
  const card = document.createElement("div");
  card.className = "card kpi";
  if (kpi.id) card.dataset.kpi = kpi.id;
  const title = document.createElement("h2");
  title.textContent = kpi.label;
  const value = document.createElement("div");
  value.className = "big";
  value.textContent = kpi.value;
  card.append(title, value);
  if (kpi.change != null && Number.isFinite(kpi.change)) {
    const delta = document.createElement("div");
    const good = Math.round(kpi.change * 1000) === 0 ? null : (kpi.change > 0) === (kpi.higherIsBetter ?? true);
    delta.className = `delta ${good == null ? "" : good ? "up" : "down"}`;
    delta.textContent = `同比 ${formatChange(kpi.change, kpi.changeKind ?? "relative")}`;
    card.append(delta);
  }
  if (kpi.note) {
    const note = document.createElement("div");
    note.className = "kpi-note";
    note.textContent = kpi.note;
    card.append(note);
  }
  return card;
}
