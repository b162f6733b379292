import cliProgress from "cli-progress";
import {parseArgs} from "node:util";
import {SALT_ENV} from "./anonymize.ts";
import fs from "node:fs";
import path from "node:path";
import {checkRaw, formatCheck} from "./check.ts";
import {defaultCodesDir} from "./codes/index.ts";
import {ingest, IngestError, readCodeBook, type ProgressEvent} from "./ingest.ts";
import {summaryLine} from "./report.ts";
import {warehousePaths} from "./warehouse.ts";

const HELP = `用法: npm run ingest -- [选项]

把 data/raw/<来源>/ 下的月度导出文件（.xlsx、.xls、.csv）导入仓库 data/warehouse/。
未变化的文件（按 sha256）自动跳过；新仓库先在旁边建好再整体替换，失败或中断不影响旧仓库。

选项:
  --raw DIR        原始导出目录（默认 data/raw），子目录: platform cases documents review hotline publicity training
  --warehouse DIR  仓库目录（默认 data/warehouse），生成 warehouse.duckdb、ingest-report.json、rejects.csv
  --codes DIR      代码表目录（默认 data/codes，或环境变量 CHENGGUAN_CODES）
  --check          只检查、不导入：逐个文件列出格式、编码、表头行、各列对应的字段、新取值和将拒收的原因，
                   并给出可粘贴到代码表的 YAML；结果另存为仓库目录旁的 ingest-check.json，数据仓库不做任何改动
  --prune          允许某个来源的文件全部移走时一并删除其数据（默认拒绝运行以防误删）
  --quiet          不显示进度和汇总，只报告错误
  --json           结束后把导入报告（JSON）打印到标准输出
  -h, --help       显示本帮助

加密盐: 环境变量 ${SALT_ENV}，未设置时使用仓库目录旁的 .salt 文件（默认 data/.salt，首次运行自动生成，勿提交）。
退出码: 0 已运行（即使有拒收行或无法读取的文件，详见报告）；1 无法运行（目录不存在、仓库被锁定等）；2 参数错误。
终端中逐文件显示进度（行数、行/秒）；在 CI（设置了 CI 环境变量）或非终端输出时不显示进度。`;

function isCi(): boolean {
  const ci = process.env.CI;
  return Boolean(ci && ci !== "0" && ci.toLowerCase() !== "false");
}

function progressDisplay(): {onProgress: (e: ProgressEvent) => void; stop: () => void} {
  const multi = new cliProgress.MultiBar(
    {
      format: " {bar} {percentage}% | {value}/{total} 行 | {speed} 行/秒 | {file}",
      hideCursor: true,
      clearOnComplete: true,
      stopOnComplete: false,
      barsize: 24,
      stream: process.stderr
    },
    cliProgress.Presets.shades_classic
  );
  let bar: cliProgress.SingleBar | null = null;
  let started = 0;
  const stopBar = () => {
    if (bar) multi.remove(bar);
    bar = null;
  };
  return {
    onProgress(e) {
      switch (e.type) {
        case "start":
          multi.log(`共 ${e.files} 个文件，需要读取 ${e.toRead} 个\n`);
          break;
        case "file-start":
          started = Date.now();
          break;
        case "file-rows": {
          const seconds = (Date.now() - started) / 1000;
          const speed = seconds > 0 ? Math.round(e.rows / seconds) : 0;
          if (!bar) bar = multi.create(Math.max(e.total, 1), 0, {file: e.path, speed});
          bar.setTotal(Math.max(e.total, e.rows, 1));
          bar.update(e.rows, {file: e.path, speed});
          break;
        }
        case "file-end": {
          stopBar();
          const f = e.file;
          const line = f.skipped
            ? `  跳过（未变） ${f.path}: ${f.rowsRead} 行`
            : f.error
              ? `  ✗ ${f.path}: ${f.error}`
              : `  ✓ ${f.path}: ${f.rowsRead} 行（接收 ${f.accepted}，拒收 ${f.rejected}），${f.rowsPerSecond} 行/秒`;
          multi.log(line + "\n");
          break;
        }
        case "phase":
          multi.log({load: "载入仓库…", merge: "合并各月版本…", write: "写入导入报告…", swap: "替换仓库…"}[e.phase] + "\n");
          break;
      }
    },
    stop() {
      stopBar();
      multi.stop();
    }
  };
}

async function main(): Promise<number> {
  let args;
  try {
    args = parseArgs({
      options: {
        raw: {type: "string", default: "data/raw"},
        warehouse: {type: "string", default: "data/warehouse"},
        codes: {type: "string"},
        check: {type: "boolean", default: false},
        prune: {type: "boolean", default: false},
        quiet: {type: "boolean", default: false},
        json: {type: "boolean", default: false},
        help: {type: "boolean", short: "h", default: false}
      },
      allowPositionals: false
    }).values;
  } catch (error) {
    process.stderr.write(`ingest: ${error instanceof Error ? error.message : String(error)}（--help 查看用法）\n`);
    return 2;
  }
  if (args.help) {
    process.stdout.write(HELP + "\n");
    return 0;
  }
  if (args.check) {
    try {
      const report = checkRaw(args.raw!, readCodeBook(args.codes ?? defaultCodesDir()));
      const out = path.join(path.dirname(path.resolve(args.warehouse!)), "ingest-check.json");
      fs.mkdirSync(path.dirname(out), {recursive: true});
      fs.writeFileSync(out, JSON.stringify(report, null, 2) + "\n");
      process.stdout.write(args.json ? JSON.stringify(report, null, 2) + "\n" : `${formatCheck(report)}\n检查结果已另存为 ${out}\n`);
      return 0;
    } catch (error) {
      process.stderr.write(`ingest --check: ${error instanceof Error ? error.message : String(error)}\n`);
      return 1;
    }
  }
  const interactive = !args.quiet && !isCi() && Boolean(process.stderr.isTTY);
  const display = interactive ? progressDisplay() : null;
  const exit = (code: number) => () => {
    display?.stop();
    process.exit(code);
  };
  process.once("SIGINT", exit(130));
  process.once("SIGTERM", exit(143));
  try {
    const report = await ingest({raw: args.raw!, warehouse: args.warehouse!, prune: args.prune, codes: args.codes, onProgress: display?.onProgress});
    display?.stop();
    if (args.json) process.stdout.write(JSON.stringify(report, null, 2) + "\n");
    else if (!args.quiet) process.stdout.write(summaryLine(report) + "\n");
    if (!interactive) {
      for (const s of Object.values(report.sources)) {
        for (const f of s.files) if (f.error) process.stderr.write(`ingest: ${f.path}: ${f.error}\n`);
      }
    }
    if (!args.quiet && !args.json && report.totals.rejected > 0) {
      process.stdout.write(`拒收行见 ${warehousePaths(report.warehouse).rejectsCsv}\n`);
    }
    return 0;
  } catch (error) {
    display?.stop();
    const message = error instanceof Error ? error.message : String(error);
    const oneLine = message.replace(/\s*\n\s*/g, " ");
    process.stderr.write(`ingest: ${error instanceof IngestError ? oneLine : `内部错误: ${oneLine}`}\n`);
    if (!(error instanceof IngestError) && process.env.DEBUG) console.error(error);
    return 1;
  }
}

main().then((code) => process.exit(code));
