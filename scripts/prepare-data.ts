/**
 * The data step of `npm start` and `npm run build`: on a fresh checkout (no exports in
 * data/raw yet) it writes the deterministic sample, then it runs the monthly ingest, which
 * skips files it has already seen.
 */
import {spawnSync} from "node:child_process";
import {existsSync, readdirSync, statSync} from "node:fs";
import {join, resolve} from "node:path";
import {INGEST_NODE_FLAGS} from "../loaders/stage-pool.ts";

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

if (!hasExports(raw)) {
  console.log(`${raw} 中没有导出文件，生成示例数据……`);
  run(["scripts/sample/cli.ts", "--out", raw]);
}
run([...INGEST_NODE_FLAGS, "loaders/cli.ts", "--raw", raw, "--warehouse", warehouse], process.execPath);
