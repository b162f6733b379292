/**
 * Change detection: what the previous warehouse holds, and which exports a run must read again. A file is read when
 * it is new, its content changed (sha256), or anything that turns its content into rows changed since the last run.
 */
import fs from "node:fs";
import {IngestError} from "./errors.ts";
import {sha256, type ManifestEntry, type RawScan} from "./manifest.ts";
import type {SourceId} from "./schema/index.ts";
import {openDb, type Db, type WarehousePaths} from "./warehouse.ts";

/** Bumped when the warehouse layout changes; a different version makes the next run re-read every file. */
export const WAREHOUSE_VERSION = "3";

/**
 * Fingerprint of the code that turns exports into stage rows (the bundled staging worker: these loaders, the schema
 * and the parser libraries) and of the warehouse layout: when it changes, rows kept from earlier runs could differ from
 * what a fresh read gives, so every file is read again.
 */
export function pipelineFingerprint(workerScript: string): string {
  return sha256(Buffer.from(`warehouse-version:${WAREHOUSE_VERSION}\n${workerScript}`)).slice(0, 16);
}

/** What the last run left: its manifest by path, and its `meta` table. */
export interface Previous {
  files: Map<string, ManifestEntry>;
  meta: Map<string, string>;
}

/** The previous warehouse's manifest, or null when there is none or it cannot be read (then everything is read). */
export async function readPrevious(p: WarehousePaths, warnings: string[]): Promise<Previous | null> {
  if (!fs.existsSync(p.db)) return null;
  let db: Db | null = null;
  try {
    db = await openDb(p.db, {readOnly: true});
    const files = (await db.con.runAndReadAll("SELECT * FROM files")).getRowObjectsJson() as unknown as ManifestEntry[];
    const meta = (await db.con.runAndReadAll("SELECT key, value FROM meta")).getRowObjectsJson() as {key: string; value: string}[];
    return {
      files: new Map(files.map((f) => [f.path, {...f, size: Number(f.size)}])),
      meta: new Map(meta.map((m) => [m.key, m.value]))
    };
  } catch (error) {
    warnings.push(`无法读取上次的仓库（${error instanceof Error ? error.message : String(error)}），本次全部重新导入`);
    return null;
  } finally {
    db?.close();
  }
}

export interface ChangePlan {
  /** Every file is read again (first run, other loaders or another salt). */
  fullRebuild: boolean;
  /** sha256 of each listed file taken now, where an earlier version exists to compare with; null otherwise. */
  hashes: (string | null)[];
  /** Per listed file: unchanged since the last run, so its rows are carried over instead of read. */
  unchanged: boolean[];
  /** Paths the last run had that are gone now, by source. */
  removed: Map<SourceId, string[]>;
}

/**
 * Decides what to read. `configFingerprints` holds, per source, the fingerprint of the bureau's configuration that
 * source's rows depend on (code lists, header names): a change reads that source's files again, and only those.
 * Throws IngestError, unless `prune` is set, when every earlier file of a source disappeared, new files or not (a
 * wrong mount, or the sample written into an empty folder on another machine, must not replace the warehouse's rows).
 */
export function planChanges(options: {
  scan: RawScan;
  previous: Previous | null;
  fingerprint: string;
  saltFingerprint: string;
  configFingerprints: Readonly<Record<SourceId, string>>;
  prune: boolean;
  warnings: string[];
}): ChangePlan {
  const {scan, previous, warnings} = options;
  const fullRebuild =
    !previous || previous.meta.get("pipeline_fingerprint") !== options.fingerprint || previous.meta.get("salt_fingerprint") !== options.saltFingerprint;
  if (previous && fullRebuild) {
    warnings.push(
      previous.meta.get("salt_fingerprint") !== options.saltFingerprint
        ? "加密盐已变化，全部文件重新导入（所有散列值随之改变）"
        : "导入程序已更新，全部文件重新导入"
    );
  }

  const present = new Set(scan.files.map((f) => f.path));
  const removed = new Map<SourceId, string[]>();
  for (const m of previous?.files.values() ?? []) {
    if (!present.has(m.path)) removed.set(m.source, [...(removed.get(m.source) ?? []), m.path]);
  }
  if (!options.prune) {
    for (const [source, paths] of removed) {
      const now = scan.files.filter((f) => f.source === source);
      if (now.length === 0) {
        throw new IngestError(`${source}/ 目录下已没有任何文件，但仓库中有其 ${paths.length} 个文件的数据；如确要删除这些数据，请加 --prune 重新运行`);
      }
      // a monthly run adds files: when none of a source's earlier files is left, the raw folder is not the one the
      // warehouse was built from (another machine, a wrong folder, only this month's exports kept)
      if (!now.some((f) => previous!.files.has(f.path))) {
        throw new IngestError(
          `${source}/ 目录下没有仓库已导入的任何文件（仓库中有 ${paths.length} 个，如 ${paths[0]}；目录中现有 ${now.length} 个新文件）：` +
            `原始数据目录可能不是生成仓库时的那个。每月只需把新的导出文件加入原目录，旧文件保留；如确要以现有文件替换仓库中的这些数据，请加 --prune 重新运行`
        );
      }
    }
  }

  const reconfigured = new Set<SourceId>();
  const comparable = scan.files.map((f) => {
    const prev = fullRebuild ? undefined : previous?.files.get(f.path);
    if (!prev) return false;
    if (prev.config_fingerprint !== options.configFingerprints[f.source]) {
      reconfigured.add(f.source);
      return false;
    }
    return true;
  });
  if (reconfigured.size) warnings.push(`代码表或表头配置已修改，重新导入受影响数据源的全部文件：${[...reconfigured].join("、")}`);
  // a file without an earlier version to compare with is hashed once, when it is read
  const hashes = scan.files.map((f, i) => {
    if (!comparable[i]) return null;
    try {
      return sha256(fs.readFileSync(f.abs));
    } catch (error) {
      return `unreadable:${(error as NodeJS.ErrnoException).code ?? "error"}`;
    }
  });
  const unchanged = scan.files.map((f, i) => comparable[i] && previous?.files.get(f.path)?.sha256 === hashes[i]);
  return {fullRebuild, hashes, unchanged, removed};
}
