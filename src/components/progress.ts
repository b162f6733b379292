/** A target's progress bar; the status decides its colour. */
import type {TargetStatus} from "../../loaders/publish/plan.ts";

export function progressBar(progress: number | null, status: TargetStatus): HTMLElement {
  const outer = document.createElement("div");
  outer.className = "progress";
  outer.setAttribute("role", "progressbar");
  outer.setAttribute("aria-valuemin", "0");
  outer.setAttribute("aria-valuemax", "100");
  const inner = document.createElement("div");
  const pct = progress == null ? 0 : Math.max(0, Math.min(1, progress));
  outer.setAttribute("aria-valuenow", String(Math.round(pct * 100)));
  inner.style.width = `${pct * 100}%`;
  inner.className = `progress-fill ${status === "达标" ? "status-ok" : status === "滞后" ? "status-behind" : "status-progress"}`;
  outer.append(inner);
  return outer;
}
