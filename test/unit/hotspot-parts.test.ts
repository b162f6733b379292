import {cellToParent, getResolution, latLngToCell} from "h3-js";
import {expect, test} from "vitest";
import {DuckDBInstance} from "@duckdb/node-api";
import {CASE_PART_LEVELS, casePartResolution, hotspotCasePartPath, partsCovering, registerCells} from "../../loaders/publish/hotspot.ts";
import {caseTable} from "../../src/components/hotspot-data.ts";

/** A deterministic stream in [0, 1) (mulberry32), so that a failure repeats. */
function uniform(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

test.each([
  {name: "魏都区's frame at resolution 9", box: [113.765, 33.965, 113.895, 34.095], resolution: 9},
  {name: "a box smaller than one part", box: [113.82, 34.03, 113.821, 34.031], resolution: 9},
  {name: "a wide box at resolution 7", box: [113.5, 33.8, 114.2, 34.3], resolution: 7},
  {name: "a single point", box: [113.8, 34.0, 113.8, 34.0], resolution: 9}
])("every point of $name lies in a listed part", ({box, resolution}) => {
  const partResolution = casePartResolution(resolution);
  const parts = new Set(partsCovering(box, partResolution));
  const next = uniform(resolution * 1000 + box[0]);
  const [west, south, east, north] = box;
  const points: [number, number][] = [[south, west], [north, east], [south, east], [north, west]];
  for (let i = 0; i < 20_000; i++) points.push([south + next() * (north - south), west + next() * (east - west)]);
  for (const [lat, lon] of points) {
    const part = cellToParent(latLngToCell(lat, lon, resolution), partResolution);
    expect(parts.has(part), `${lat}, ${lon}`).toBe(true);
  }
  for (const part of parts) expect(getResolution(part)).toBe(partResolution);
});

test("a part is the cell CASE_PART_LEVELS resolutions coarser, and the frame of 魏都区 needs a few dozen", () => {
  expect(casePartResolution(9)).toBe(9 - CASE_PART_LEVELS);
  expect(casePartResolution(1)).toBe(0);
  const parts = partsCovering([113.765, 33.965, 113.895, 34.095], casePartResolution(9));
  expect(parts.length).toBeGreaterThan(10);
  expect(parts.length).toBeLessThan(100);
  expect(parts).toEqual([...parts].sort());
});

test("the page fetches a part's case list from the path the loaders publish it at", () => {
  const part = cellToParent(latLngToCell(34.03, 113.82, 9), 7);
  expect(caseTable(part).path).toBe(hotspotCasePartPath(part));
  expect(caseTable(part).table).toBe(`cases_${part}`);
  expect(() => caseTable("x'; DROP TABLE cells; --")).toThrow(/H3/);
});

test("registerCells gives every placed position its own cell and part, across many row groups", async () => {
  const con = await (await DuckDBInstance.create(":memory:")).connect();
  await con.run(`CREATE TABLE platform AS SELECT 113.765 + (i % 1000) * 0.00013 + (i // 1000) * 0.0000001 AS lon, 33.965 + (i // 1000) * 0.00043 AS lat,
    CASE WHEN i % 97 = 0 THEN 'outside' END AS geo_flag FROM range(300000) t(i)`);
  await con.run("INSERT INTO platform SELECT lon, lat, geo_flag FROM platform LIMIT 5000");
  await registerCells(con, 9);
  const rows = (await con.runAndReadAll("SELECT lon, lat, cell, part FROM temp.hotspot_cell")).getRowObjectsJS() as {lon: number; lat: number; cell: string; part: string}[];
  expect(rows.length).toBe(300000 - Math.ceil(300000 / 97));
  const wrong = rows.filter((r) => r.cell !== latLngToCell(r.lat, r.lon, 9) || r.part !== cellToParent(r.cell, casePartResolution(9)));
  expect(wrong).toEqual([]);
  expect(new Set(rows.map((r) => r.cell)).size).toBeGreaterThan(1000);
}, 60_000);
