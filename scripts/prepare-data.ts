/**
 * The data step of `npm start` and `npm run build`: on a fresh checkout (no exports in data/raw and no warehouse yet)
 * it writes the deterministic sample; then it runs the monthly ingest, which skips files it has already seen. A
 * warehouse with no exports beside it (moved to another machine to be built there) is built as it is: the sample
 * must never stand in for the bureau's data.
 */
import {spawnSync} from "node:child_process";
import {existsSync, readdirSync, statSync} from "node:fs";
import {join, resolve} from "node:path";
import {INGEST_NODE_FLAGS} from "../loaders/stage-pool.ts";
import {warehousePaths} from "../loaders/warehouse.ts";

const raw = resolve(process.env.CHENGGUAN_RAW || "data/raw");
const warehouse = resolve(process.env.CHENGGUAN_WAREHOUSE || "data/warehouse");
const tsx = resolve("node_modules/.bin/tsx");

function hasExports(dir: string): boolean {
  if (!existsSync(dir)) return false;
  return readdirSync(dir).some((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() && readdirSync(path).some((f) => /\.(xlsx|xls|csv)$/i.test(f));
  });
}

function run(args: string[], command = tsx): void {
  const result = spawnSync(command, args, {stdio: "inherit"});
  if (result.status !== 0) process.exit(result.status ?? 1);
}

const database = warehousePaths(warehouse).db;
if (hasExports(raw)) {
  run([...INGEST_NODE_FLAGS, "loaders/cli.ts", "--raw", raw, "--warehouse", warehouse], process.execPath);
} else if (existsSync(database)) {
  console.log(`${raw} 中没有导出文件：不导入，直接用现有数据仓库 ${database}（${statSync(database).mtime.toLocaleString("zh-CN")}）构建。如需导入新数据，请把导出文件放入 ${raw}/<数据源>/。`);
} else {
  console.log(`${raw} 中没有导出文件，也没有数据仓库：生成示例数据……`);
  run(["scripts/sample/cli.ts", "--out", raw]);
  run([...INGEST_NODE_FLAGS, "loaders/cli.ts", "--raw", raw, "--warehouse", warehouse], process.execPath);
}
