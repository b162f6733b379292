/**
 * What the 案件热点 page receives. No point leaves here: every placed case is counted in its H3 cell (resolution from
 * data/geo/map.yaml, at most 9, about 0.1 km²), and the browser draws the cells from their ids. Street labels sit at
 * the mean position of a street's cases, rounded to 0.001° (about 100 m), and only for streets with enough cases.
 * Points outside the district or in no recognized system are left off the map (the data-quality page counts them).
 */
import type {DuckDBConnection} from "@duckdb/node-api";
import {cellToParent, getHexagonEdgeLengthAvg, gridDisk, latLngToCell} from "h3-js";
import {strToU8, zipSync} from "fflate";
import {readFileSync} from "node:fs";
import {join} from "node:path";
import {loadGeoConfig, type GeoConfig} from "../geo/config.ts";
import {partsToArrowStreams, queryToArrowStream} from "./arrow.ts";
import {MINUTES, PUBLIC_ID, openWarehouse, type Published} from "./connection.ts";
import {NAMED} from "./platform.ts";
import {openPrerender, prerenderedViews} from "./prerender.ts";
import {hotspotDefaultViews, hotspotOptions, hotspotPrerenderedView} from "../../src/components/hotspot-data.ts";

/** Cases placed on the map: converted, inside the district. */
const PLACED = "lon IS NOT NULL AND geo_flag IS DISTINCT FROM 'outside' AND geo_flag IS DISTINCT FROM 'unrecognized'";
/** A street gets a label at its cases' mean position only with at least this many cases there (a label must not point at a case). */
export const LABEL_MIN_CASES = 20;
/** Digits kept of a published label position: 0.001° is about 100 m. */
const LABEL_DIGITS = 3;

/** Months since 2000-01 (0 = January 2000): 2 bytes a row instead of a YYYYMM integer's 4. */
const MONTH_INDEX = "CAST((year(reported_at) - 2000) * 12 + month(reported_at) - 1 AS SMALLINT)";

/**
 * Resolutions between a map cell and its part, the unit in which the case list is published: a part is the H3 cell
 * this many resolutions coarser that contains the map cell, so it holds the cases of about 7² = 49 cells (about
 * 5 km² at resolution 9), and a click on the map fetches that share of the district's cases whatever their number
 * (at 10^7 cases the whole list was 177 MB).
 */
export const CASE_PART_LEVELS = 2;

/** The resolution of the parts of a map of `resolution` (meta.json's `casePartResolution`). */
export const casePartResolution = (resolution: number): number => Math.max(0, resolution - CASE_PART_LEVELS);

/**
 * Adds temp table hotspot_cell(lon, lat, cell, part): the H3 cell of every distinct placed position and the part that
 * holds it, computed with h3-js (DuckDB has no H3 without an extension download). Only each position's cell number is
 * appended, and the table is put together by position in DuckDB: at 10^7 cases (9.8 million positions) the four
 * appends a row, two of them strings, and a `cellToParent` a row took 41 s of the 案件热点 loader (2026-12-03).
 */
export async function registerCells(con: DuckDBConnection, resolution: number): Promise<void> {
  await con.run(`CREATE OR REPLACE TEMP TABLE hotspot_position AS SELECT DISTINCT lon, lat FROM platform WHERE ${PLACED}`);
  const [lons = [], lats = []] = (await con.runAndReadAll("SELECT lon, lat FROM temp.hotspot_position")).getColumnsJS() as number[][];
  const numbers = new Map<string, number>();
  const cells: string[] = [];
  await con.run("CREATE OR REPLACE TEMP TABLE hotspot_position_cell (n INTEGER)");
  const appender = await con.createAppender("hotspot_position_cell", "main", "temp");
  for (let i = 0; i < lons.length; i++) {
    const cell = latLngToCell(lats[i], lons[i], resolution);
    let n = numbers.get(cell);
    if (n === undefined) numbers.set(cell, (n = cells.push(cell) - 1));
    appender.appendInteger(n);
    appender.endRow();
  }
  appender.closeSync();
  await con.run("CREATE OR REPLACE TEMP TABLE hotspot_cell_part (n INTEGER, cell VARCHAR, part VARCHAR)");
  const parts = await con.createAppender("hotspot_cell_part", "main", "temp");
  const partResolution = casePartResolution(resolution);
  cells.forEach((cell, n) => {
    parts.appendInteger(n);
    parts.appendVarchar(cell);
    parts.appendVarchar(cellToParent(cell, partResolution));
    parts.endRow();
  });
  parts.closeSync();
  // both tables are in the order positions were read, so rows pair by position
  await con.run(`CREATE OR REPLACE TEMP TABLE hotspot_cell AS
    SELECT p.lon, p.lat, c.cell, c.part FROM temp.hotspot_position p POSITIONAL JOIN temp.hotspot_position_cell n JOIN temp.hotspot_cell_part c USING (n)`);
  await con.run("DROP TABLE temp.hotspot_position; DROP TABLE temp.hotspot_position_cell; DROP TABLE temp.hotspot_cell_part");
}

const PLACED_NAMED = `SELECT p.*, h.cell, h.part FROM (${NAMED}) p JOIN temp.hotspot_cell h ON h.lon = p.lon AND h.lat = p.lat`;

/** Degrees to metres, north and east, at latitude `lat` (a spherical Earth: good to a fraction of a percent for spacing samples). */
const metresPerDegree = (lat: number) => ({north: 111_195, east: 111_195 * Math.cos((lat * Math.PI) / 180)});

/**
 * The parts (H3 cells of `partResolution`) that a case at a point of `box` ([west, south, east, north], degrees) can
 * belong to, sorted: the parts of sample points a third of a part's edge apart, and their neighbours. A case's part is
 * the parent of its map cell, and H3 parents do not nest exactly: the point can lie just outside its part's hexagon,
 * up to about 1.05 edges from the part's centre. Every point is within about 0.24 edge of a sample, and the cells two
 * rings from a sample's cell begin about 2 edges away, so ring 1 covers every case; some listed parts hold none.
 */
export function partsCovering(box: readonly number[], partResolution: number): string[] {
  const [west, south, east, north] = box;
  const step = getHexagonEdgeLengthAvg(partResolution, "m") / 3;
  // the latitude nearest the equator has the most metres to a degree of longitude: samples are no further apart anywhere
  const {north: mNorth, east: mEast} = metresPerDegree(south <= 0 && north >= 0 ? 0 : Math.min(Math.abs(south), Math.abs(north)));
  const dLat = step / mNorth;
  const dLon = step / mEast;
  const sampled = new Set<string>();
  for (let lat = south; ; lat = Math.min(north, lat + dLat)) {
    for (let lon = west; ; lon = Math.min(east, lon + dLon)) {
      sampled.add(latLngToCell(lat, lon, partResolution));
      if (lon >= east) break;
    }
    if (lat >= north) break;
  }
  const parts = new Set<string>();
  for (const cell of sampled) for (const near of gridDisk(cell, 1)) parts.add(near);
  return [...parts].sort();
}

/** The map's cube: cases by cell, month (index since 2000-01) and the platform page's filter dimensions. */
export const hotspotCellsSql = `
SELECT cell, ${MONTH_INDEX} AS m, street_name AS street, major_name AS major, source_name AS source, count(*)::INTEGER AS n
FROM (${PLACED_NAMED})
GROUP BY ALL ORDER BY m, cell`;

/** 单元网格 codes with their street and community, by year and the filter dimensions (every case with a grid code, placed or not). */
export const hotspotGridsSql = `
SELECT grid, street_name AS street, community_name AS community, yr, major_name AS major, source_name AS source, count(*)::INTEGER AS n
FROM (${NAMED}) WHERE grid IS NOT NULL
GROUP BY ALL ORDER BY ALL`;

/** The anonymized case list of the placed cases with their cell and part (published a part a file: {@link hotspotCasesZip}). */
export const hotspotCasesSql = `
SELECT part, ${PUBLIC_ID("case_id")} AS case_key, ${MINUTES("reported_at")} AS reported_minute, cell,
  street_name AS street, community_name AS community, grid, major_name AS major, minor_name AS minor, source_name AS source, status_name AS status
FROM (${PLACED_NAMED})`;

/** Where a part's case list is published, from the site's root (src/components/hotspot-data.ts `caseTable` fetches it). */
export const hotspotCasePartPath = (part: string): string => `/data/hotspot/cases/${part}.arrow`;

/** The placed cases' extent widened to 0.005° steps (about 500 m): the map's frame, and the box the parts cover. */
async function placedFrame(con: DuckDBConnection): Promise<number[] | null> {
  const [span] = await rows(con, `SELECT min(lon) AS w, min(lat) AS s, max(lon) AS e, max(lat) AS n FROM platform WHERE ${PLACED}`);
  if (span.w == null) return null;
  const out = (v: unknown, up: boolean) => (up ? Math.ceil(Number(v) / 0.005) : Math.floor(Number(v) / 0.005)) * 0.005;
  return [out(span.w, false), out(span.s, false), out(span.e, true), out(span.n, true)];
}

/** The parts with a case-list file: those covering the placed cases' frame (none when no case is placed). */
export async function hotspotCaseParts(con: DuckDBConnection, config: GeoConfig = loadGeoConfig()): Promise<string[]> {
  const frame = await placedFrame(con);
  return frame ? partsCovering(frame, casePartResolution(config.map.cells.resolution)) : [];
}

/** The config's dynamicPaths: one case-list file per part. */
export async function* hotspotCasePaths(): AsyncGenerator<string> {
  const published = await openWarehouse();
  let parts: string[];
  try {
    parts = await hotspotCaseParts(published.con);
  } finally {
    published.close();
  }
  for (const part of parts) yield hotspotCasePartPath(part);
}

/**
 * Every part's case list as an Arrow stream, keyed by part. Parts with no case get an empty list, so that every path
 * of {@link hotspotCasePaths} exists. Needs {@link registerCells} first.
 *
 * @throws when a case lies in a part outside {@link hotspotCaseParts} (a case would be missing from every file)
 */
export async function hotspotCaseStreams(con: DuckDBConnection, config: GeoConfig = loadGeoConfig()): Promise<Map<string, Uint8Array>> {
  const parts = await hotspotCaseParts(con, config);
  const listed = new Set(parts);
  // every registered position is a placed case's
  const withCases = (await rows(con, "SELECT DISTINCT part FROM temp.hotspot_cell")).map((r) => String(r.part));
  const stray = withCases.filter((p) => !listed.has(p));
  if (stray.length > 0) throw new Error(`案件热点：${stray.length} 个分片不在发布清单中（${stray.slice(0, 3).join("、")}），其中的案件将无法查看`);
  return partsToArrowStreams(con, hotspotCasesSql, "part", parts, "cell, reported_minute DESC, case_key");
}

/**
 * The archive that src/data/hotspot.zip.ts writes and Framework extracts as `data/hotspot/<member>`: `meta.json`
 * ({@link hotspotMeta}), `cells.arrow` and `grids.arrow` (the page's DuckDB-WASM tables), `views.json` (the page's
 * default views, made from those tables by the page's own queries, src/components/hotspot-data.ts) and `cases/<part>.arrow` ({@link hotspotCaseStreams}). Stored,
 * not deflated: the server compresses each file it sends. One loader makes them all, so that the cells of the
 * cases' positions are computed once (h3-js, 3.4 s at 10^6 cases, 2026-12-03) rather than in five processes.
 */
export async function hotspotZip(published?: Published, config: GeoConfig = loadGeoConfig()): Promise<Uint8Array> {
  const warehouse = published ?? (await openWarehouse());
  try {
    const {con} = warehouse;
    await registerCells(con, config.map.cells.resolution);
    const files: Record<string, Uint8Array> = {"meta.json": strToU8(JSON.stringify(await hotspotMeta(con, config)))};
    for (const [part, stream] of await hotspotCaseStreams(con, config)) files[`cases/${part}.arrow`] = stream;
    await con.run(`CREATE OR REPLACE TEMP TABLE hotspot_cells AS ${hotspotCellsSql}`);
    await con.run(`CREATE OR REPLACE TEMP TABLE hotspot_grids AS ${hotspotGridsSql}`);
    files["cells.arrow"] = await queryToArrowStream(con, "SELECT * FROM temp.hotspot_cells");
    files["grids.arrow"] = await queryToArrowStream(con, "SELECT * FROM temp.hotspot_grids");
    const db = await openPrerender({cells: "SELECT * FROM temp.hotspot_cells", grids: "SELECT * FROM temp.hotspot_grids"}, {published: {con, close() {}}});
    try {
      files["views.json"] = strToU8(JSON.stringify(await prerenderedViews(db, hotspotOptions, hotspotPrerenderedView, hotspotDefaultViews)));
    } finally {
      await con.run("USE warehouse");
      await con.run("DETACH prerender");
    }
    return zipSync(files, {level: 0});
  } finally {
    if (!published) warehouse.close();
  }
}

const rows = async (con: DuckDBConnection, sql: string) => (await con.runAndReadAll(sql)).getRowObjectsJson() as Record<string, unknown>[];
const round = (v: unknown) => Math.round(Number(v) * 10 ** LABEL_DIGITS) / 10 ** LABEL_DIGITS;

/**
 * The map's settings and labels: cell resolution and edge length, the extent (rounded to 0.001°) and the frame of the
 * placed cases (widened to 0.005°), the basemap URL
 * (null unless configured), the boundary files as given, street labels, each cell's main street, community and
 * 单元网格 code (where most of its cases lie), and how many cases are placed and why the others are not. Needs
 * {@link registerCells} first.
 */
export async function hotspotMeta(con: DuckDBConnection, config: GeoConfig = loadGeoConfig()): Promise<unknown> {
  const {map} = config;
  const streets = await rows(
    con,
    `SELECT street_name AS street, avg(lon) AS lon, avg(lat) AS lat, count(*)::INTEGER AS n FROM (${NAMED}) WHERE ${PLACED} GROUP BY 1 HAVING count(*) >= ${LABEL_MIN_CASES} ORDER BY n DESC`
  );
  // ties go to the first name in sort order, so that a rebuild of the same warehouse names every cell the same; the
  // grid is the main one of the cell's main street and community (a cell on a border is not named by the other's grid)
  const cells = await rows(
    con,
    `WITH counted AS (
       SELECT cell, street_name AS street, community_name AS community, grid, count(*) AS n FROM (${PLACED_NAMED}) GROUP BY ALL
     ),
     places AS (
       SELECT cell, first(street ORDER BY n DESC, street, community) AS street, first(community ORDER BY n DESC, street, community) AS community, sum(n)::INTEGER AS n
       FROM (SELECT cell, street, community, sum(n) AS n FROM counted GROUP BY ALL) GROUP BY cell
     ),
     grids AS (
       SELECT c.cell, first(c.grid ORDER BY c.n DESC, c.grid) AS grid FROM counted c JOIN places p
         ON c.cell = p.cell AND c.street IS NOT DISTINCT FROM p.street AND c.community IS NOT DISTINCT FROM p.community
       WHERE c.grid IS NOT NULL GROUP BY c.cell
     )
     SELECT cell, street, community, grid, n FROM places LEFT JOIN grids USING (cell) ORDER BY cell`
  );
  const [counts] = await rows(
    con,
    `SELECT count(*)::INTEGER AS cases, count(*) FILTER (${PLACED})::INTEGER AS placed,
       count(*) FILTER (x IS NULL OR y IS NULL)::INTEGER AS without_coordinates,
       count(*) FILTER (geo_flag = 'outside')::INTEGER AS outside, count(*) FILTER (geo_flag = 'unrecognized')::INTEGER AS unrecognized
     FROM platform`
  );
  // the map's frame, not any case's position
  const view = (await placedFrame(con)) ?? map.extent.bbox;
  return {
    name: map.name,
    view: view.map(round),
    resolution: map.cells.resolution,
    casePartResolution: casePartResolution(map.cells.resolution),
    edgeMetres: Math.round(getHexagonEdgeLengthAvg(map.cells.resolution, "m")),
    bbox: map.extent.bbox.map(round),
    basemap: map.basemap,
    boundaries: map.boundaries.map((b) => ({kind: b.kind, label: b.label, geojson: JSON.parse(readFileSync(join(config.dir, b.file), "utf8"))})),
    streets: streets.map((s) => ({street: s.street, lon: round(s.lon), lat: round(s.lat), n: s.n})),
    cells,
    counts
  };
}
