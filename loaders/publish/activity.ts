/** What the hotline and publicity pages receive. */
import {flagColumns} from "../metrics/flags.ts";
import {codeName} from "./names.ts";

/**
 * Hotline work orders, one row each, without number, caller, phone, address or content. At a
 * district's volume (tens of thousands a year) rows are small enough to ship as they are. The rates'
 * flags (loaders/metrics/flags.ts) come along as columns, so the page sums them and defines nothing.
 */
export const hotlineSql = `
SELECT strftime(h.received_at, '%Y-%m') AS month,
  isodow(h.received_at)::INTEGER AS weekday, hour(h.received_at)::INTEGER AS hour,
  ${codeName("hotline_source", "h.channel")} AS channel, ${codeName("hotline_topic", "h.topic")} AS topic,
  ${codeName("request_kind", "h.kind")} AS kind, ${codeName("street", "h.street")} AS street,
  ${codeName("hotline_status", "h.status")} AS status, ${codeName("hotline_result", "h.result")} AS result, ${codeName("satisfaction", "h.satisfaction")} AS satisfaction,
  ${flagColumns("hotline")},
  CAST(date_diff('minute', h.received_at, h.responded_at) AS INTEGER) AS response_minutes,
  CAST(date_diff('minute', h.received_at, h.closed_at) AS INTEGER) AS close_minutes
FROM hotline h
ORDER BY h.received_at, h.order_no`;

export const publicitySql = `
SELECT p.record_id, ${codeName("publicity_kind", "p.kind")} AS kind, p.kind AS kind_code,
  strftime(p.date, '%Y-%m-%d') AS date, strftime(p.date, '%Y-%m') AS month, year(p.date)::INTEGER AS year,
  p.title, p.media, ${codeName("publicity_level", "p.level")} AS level, p.level AS level_code,
  ${codeName("activity_theme", "p.theme")} AS theme, p.participants::INTEGER AS participants
FROM publicity p
ORDER BY p.date, p.record_id`;

export const trainingSql = `
SELECT t.record_id, strftime(t.date, '%Y-%m-%d') AS date, strftime(t.date, '%Y-%m') AS month, year(t.date)::INTEGER AS year,
  t.topic, ${codeName("training_type", "t.type")} AS type, t.participants::INTEGER AS participants, t.hours::DOUBLE AS hours, t.organizer
FROM training t
ORDER BY t.date, t.record_id`;
