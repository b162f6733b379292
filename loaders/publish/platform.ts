/**
 * What the platform-cases page receives: pre-aggregated cubes that the browser filters and
 * cross-filters (as Mosaic does), and the anonymized case list, fetched only for a drill-down.
 * Every cube shares the filter dimensions year, street, major category and source.
 */
import {HANDLING_HOURS, flagSums} from "../metrics/platform.ts";
import {MINUTES, PUBLIC_ID} from "./connection.ts";

/** Names for the platform's coded columns, joined from the code lists (also the hotspot cubes' base, loaders/publish/hotspot.ts). */
export const NAMED = `
  SELECT p.*,
    CAST(year(p.reported_at) AS INTEGER) AS yr,
    CAST(strftime(p.reported_at, '%Y%m') AS INTEGER) AS ym,
    coalesce(street.name, p.street) AS street_name,
    coalesce(community.name, p.community, '（未填）') AS community_name,
    coalesce(major.name, p.category_major) AS major_name,
    coalesce(minor.name, p.category_minor, '（未填）') AS minor_name,
    coalesce(source.name, p.source) AS source_name,
    CASE WHEN p.department IS NOT NULL THEN coalesce(department.name, p.department)
      WHEN p.dispatched_at IS NOT NULL THEN '（未填）' ELSE '（未派遣）' END AS department_name,
    coalesce(status.name, p.status, '（未填）') AS status_name,
    coalesce(ptype.name, p.problem_type) AS type_name
  FROM platform p
  LEFT JOIN codes street ON street.list = 'street' AND street.code = p.street
  LEFT JOIN codes community ON community.list = 'community' AND community.code = p.community
  LEFT JOIN codes major ON major.list = 'category' AND major.code = p.category_major
  LEFT JOIN codes minor ON minor.list = 'category' AND minor.code = p.category_minor
  LEFT JOIN codes source ON source.list = 'problem_source' AND source.code = p.source
  LEFT JOIN codes department ON department.list = 'department' AND department.code = p.department
  LEFT JOIN codes status ON status.list = 'platform_status' AND status.code = p.status
  LEFT JOIN codes ptype ON ptype.list = 'problem_type' AND ptype.code = p.problem_type`;

/**
 * The filter dimensions: year, street, major category, source. The year comes first, so the
 * cubes are sorted by it and a year's filter skips whole row groups. Only the monthly cube
 * keeps months (`ym`, the integer YYYYMM): the other charts need no finer period than the
 * year, which keeps their cubes a twelfth of the size.
 */
const FILTER_DIMENSIONS = "yr, street_name AS street, major_name AS major, source_name AS source";

export const platformCubeSql = `
SELECT ${FILTER_DIMENSIONS}, type_name AS problem_type, minor_name AS minor,
  count(*)::INTEGER AS reports,
  ${flagSums()}
FROM (${NAMED})
GROUP BY ALL ORDER BY ALL`;

export const platformMonthlySql = `
SELECT ym, street_name AS street, major_name AS major, source_name AS source,
  count(*)::INTEGER AS reports,
  ${flagSums(["registered", "close_due", "closed", "closed_on_time"])}
FROM (${NAMED})
GROUP BY ALL ORDER BY ALL`;

export const platformDepartmentSql = `
SELECT ${FILTER_DIMENSIONS}, department_name AS department,
  count(*)::INTEGER AS reports,
  ${flagSums()}
FROM (${NAMED})
GROUP BY ALL ORDER BY ALL`;

export const platformCommunitySql = `
SELECT ${FILTER_DIMENSIONS}, community_name AS community,
  count(*)::INTEGER AS reports,
  ${flagSums(["registered", "close_due", "closed", "closed_on_time"])}
FROM (${NAMED})
GROUP BY ALL ORDER BY ALL`;

export const platformWeekdayHourSql = `
SELECT ${FILTER_DIMENSIONS}, isodow(reported_at)::INTEGER AS weekday, hour(reported_at)::INTEGER AS hour, count(*)::INTEGER AS n
FROM (${NAMED})
GROUP BY ALL ORDER BY ALL`;

/**
 * Handling-time bands: 1 h wide up to 72 h, 6 h up to 240 h, 24 h up to 720 h, then one open band (counted as a
 * day wide). The page reads the median and P90 off the cumulative counts, so their error is at most the width of
 * the band they fall in; each row carries its band's width, so that the page never restates these edges.
 */
const DURATION_BANDS = [
  {from: 0, width: 1},
  {from: 72, width: 6},
  {from: 240, width: 24}
];
const OPEN_BAND_FROM = 720;

/** SQL for the lower edge (hours) of the band that `h` hours fall in. */
export function durationBucket(h: string): string {
  const bands = DURATION_BANDS.map((b, i) => {
    const to = DURATION_BANDS[i + 1]?.from ?? OPEN_BAND_FROM;
    return `WHEN ${h} < ${to} THEN ${b.from} + floor((${h} - ${b.from}) / ${b.width}) * ${b.width}`;
  });
  return `CASE ${bands.join(" ")} ELSE ${OPEN_BAND_FROM} END`;
}

/** SQL for the width (hours) of the band whose lower edge is `bucket`. */
export function durationBucketWidth(bucket: string): string {
  const bands = DURATION_BANDS.slice(1).map((b, i) => `WHEN ${bucket} < ${b.from} THEN ${DURATION_BANDS[i].width}`);
  return `CASE ${bands.join(" ")} ELSE ${DURATION_BANDS.at(-1)!.width} END`;
}

export const platformDurationSql = `
SELECT ${FILTER_DIMENSIONS}, bucket, (${durationBucketWidth("bucket")})::INTEGER AS width, count(*)::INTEGER AS n
FROM (SELECT *, (${durationBucket("hours")})::INTEGER AS bucket FROM (SELECT *, ${HANDLING_HOURS} AS hours FROM (${NAMED})))
WHERE hours IS NOT NULL
GROUP BY ALL ORDER BY ALL`;

/**
 * The anonymized case list behind a number: no address, no reporter, and no description. Free text can name people
 * in ways no scrub finds (商户王建国占道经营: a third party, not a column of the row), so it is not published at all.
 */
export const platformCasesSql = `
SELECT ${PUBLIC_ID("case_id")} AS case_key, ${MINUTES("reported_at")} AS reported_minute,
  street_name AS street, major_name AS major, source_name AS source,
  minor_name AS minor, community_name AS community, department_name AS department, status_name AS status,
  CAST(round(${HANDLING_HOURS} * 10) AS INTEGER) AS handling_tenths,
  (coalesce(rework_count, 0))::INTEGER AS rework_count, (coalesce(extension_count, 0))::INTEGER AS extension_count
FROM (${NAMED})
ORDER BY reported_at DESC, case_id`;
