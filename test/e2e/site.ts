/**
 * The sample site that every end-to-end test file shares, built once per test run into a temporary folder: the
 * default sample is generated and ingested there with the tests' own salt, and src/ is copied to a folder beside it
 * (one level below the project, so the data loaders' relative imports still reach loaders/) because Framework keeps
 * its loader cache under the root. dist/, data/ and src/ of the checkout are left as they were
 * (test/e2e/untouched.test.ts proves it).
 *
 * Test files run in parallel processes: the first to ask builds it (test/once-per-run.ts), the others wait for it.
 */
import {execFile} from "node:child_process";
import {writeFileSync} from "node:fs";
import {join, resolve} from "node:path";
import {promisify} from "node:util";
import {oncePerRun} from "../once-per-run.ts";
import {SITE_FOLDER} from "./site-setup.ts";
import {copySourceRoot, writeBuildConfig} from "../../scripts/site-copy.ts";

const run = promisify(execFile);
const tsx = resolve("node_modules/.bin/tsx");

export interface Site {
  /** The built site, to serve. */
  dist: string;
  /** Framework's root for this build: a copy of src/. */
  root: string;
  raw: string;
  warehouse: string;
  /** The environment the build ran with (CHENGGUAN_RAW, CHENGGUAN_WAREHOUSE, CHENGGUAN_SALT, CHENGGUAN_DIST). */
  env: Record<string, string>;
}

export const SITE_SALT = "e2e-site-salt";

async function offline(): Promise<boolean> {
  return run("unshare", ["-n", "true"]).then(() => true, () => false);
}

async function build(work: string): Promise<Site> {
  const root = await copySourceRoot(".e2e-site-");
  writeFileSync(join(work, "root.txt"), root);
  const dist = join(work, "dist");
  const env = {CHENGGUAN_RAW: join(work, "raw"), CHENGGUAN_WAREHOUSE: join(work, "warehouse"), CHENGGUAN_SALT: SITE_SALT, CHENGGUAN_DIST: dist};
  const site: Site = {dist, root, raw: env.CHENGGUAN_RAW, warehouse: env.CHENGGUAN_WAREHOUSE, env};
  const configFile = join(work, "observablehq.config.js");
  writeBuildConfig(configFile, root, dist);
  const options = {env: {...process.env, ...env}, maxBuffer: 64 * 1024 * 1024};
  await run(tsx, ["scripts/prepare-data.ts"], options);
  const command = [tsx, "scripts/build.ts", "--config", configFile];
  // the build's own first-paint browser talks to a server on loopback, which a new network namespace starts with down
  const [cmd, ...args] = (await offline()) ? ["unshare", "-n", "sh", "-c", 'ip link set lo up 2>/dev/null; exec "$@"', "sh", ...command] : command;
  await run(cmd, args, options);
  return site;
}

let pending: Promise<Site> | undefined;

/** The shared site, built on the first call of the run. Rejects with the builder's error if the build failed. */
export function sharedSite(): Promise<Site> {
  return (pending ??= oncePerRun(SITE_FOLDER, build));
}
