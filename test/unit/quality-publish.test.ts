/**
 * What the 数据质量 page receives of issue 12's findings: ignored entries (a path outside the raw folder left out),
 * each text file's encoding and how sure it is, in words, and the files flagged for a future month.
 */
import {describe, expect, test} from "vitest";
import {emptySourceReport, flagFuture, type FileReport, type IngestReport} from "../../loaders/report.ts";
import {encodingLabel, encodingRows, futureRows, publicIgnoredReason, publicReport} from "../../loaders/publish/quality.ts";
import {SOURCE_IDS, SOURCES, type SourceId} from "../../loaders/schema/index.ts";

function file(path: string, over: Partial<FileReport> = {}): FileReport {
  return {
    path, rowsRead: 10, accepted: 10, rejected: 0, skipped: false, error: null, status: "ingested", sha256: "ab".repeat(32), month: "2024-03",
    format: "csv", encoding: null, encodingConfidence: null, encodingEvidence: null, futureMonth: null, sheets: [], unmappedColumns: [],
    warnings: [], newValues: [], rowWarnings: [], columnMaps: [], seconds: 0, rowsPerSecond: 0, ...over
  };
}

function report(files: Partial<Record<SourceId, FileReport[]>>, ignored: IngestReport["ignored"] = []): IngestReport {
  const sources = Object.fromEntries(SOURCE_IDS.map((id) => [id, {...emptySourceReport(SOURCES[id]), files: files[id] ?? []}])) as IngestReport["sources"];
  return {
    generatedAt: "2026-12-01T00:00:00Z", raw: "/home/wangjianguo/raw", warehouse: "/home/wangjianguo/warehouse", fullRebuild: true, sources,
    totals: {files: 0, filesRead: 0, filesSkipped: 0, filesWithErrors: 0, rowsRead: 0, accepted: 0, rejected: 0, records: 0},
    ignored, warnings: [], newValuesYaml: "", timing: {startedAt: "", seconds: 0, rowsProcessed: 0, rowsPerSecond: 0, readingThreads: 0}, salt: {origin: "env"}
  };
}

describe("ignored entries", () => {
  test("a symbolic link's target outside the raw folder is left out; paths inside it and the reason stay", () => {
    expect(publicIgnoredReason("符号链接指向的“/home/wangjianguo/导出/3月.csv”不存在或无法访问（ENOENT），未读取")).toBe("符号链接指向的（raw 目录以外的路径）不存在或无法访问（ENOENT），未读取");
    expect(publicIgnoredReason("符号链接指向的“../../别处/x.csv”不存在或无法访问（ENOENT），未读取")).toBe("符号链接指向的（raw 目录以外的路径）不存在或无法访问（ENOENT），未读取");
    expect(publicIgnoredReason("符号链接指向的“C:\\Users\\王建国\\x.csv”不存在或无法访问（ENOENT），未读取")).toBe("符号链接指向的（raw 目录以外的路径）不存在或无法访问（ENOENT），未读取");
    expect(publicIgnoredReason("目录“备份”不是数据源目录（应为 platform、cases 之一），未读取")).toBe("目录“备份”不是数据源目录（应为 platform、cases 之一），未读取");
    expect(publicIgnoredReason("与“platform/2024-03.csv”是同一文件（符号链接或硬链接），未重复读取")).toBe("与“platform/2024-03.csv”是同一文件（符号链接或硬链接），未重复读取");
  });

  test("the published report lists every ignored entry, scrubbed, and neither the raw nor the warehouse folder", () => {
    const published = publicReport(
      report({}, [
        {path: "~$2024-03.xlsx", reason: "Excel 的锁定文件，未读取"},
        {path: "备份/13812345678.csv", reason: "目录“备份”不是数据源目录，未读取"},
        {path: "platform/link.csv", reason: "符号链接指向的“/home/wangjianguo/x.csv”不存在或无法访问（ENOENT），未读取"}
      ])
    ) as {ignored: {path: string; reason: string}[]};
    expect(published.ignored).toHaveLength(3);
    expect(published.ignored[0]).toEqual({path: "~$2024-03.xlsx", reason: "Excel 的锁定文件，未读取"});
    const text = JSON.stringify(published);
    for (const secret of ["13812345678", "wangjianguo"]) expect(text).not.toContain(secret);
    expect(published.ignored[2].reason).toContain("（raw 目录以外的路径）");
  });
});

describe("encodings", () => {
  test("an encoding in words, and two joined when a file's lines differ", () => {
    expect(encodingLabel("gb18030")).toBe("GB18030（GBK）");
    expect(encodingLabel("utf-8-bom+gb18030")).toBe("UTF-8（带 BOM） + GB18030（GBK）");
    expect(encodingLabel(null)).toBeNull();
  });

  test("every text file with its encoding, how sure, and the evidence; doubtful first; workbooks left out", () => {
    const rows = encodingRows(
      report({
        hotline: [file("hotline/2024-03.csv", {encoding: "utf-8", encodingConfidence: "certain", encodingEvidence: "全文是合法的 UTF-8（约 300 个多字节字符）"})],
        platform: [
          file("platform/2024-03.xlsx", {format: "xlsx"}),
          file("platform/2024-04.csv", {encoding: "gb18030", encodingConfidence: "doubtful", encodingEvidence: "不是合法的 UTF-8；但 12 个非 ASCII 字符的 41.6% 属于 GB2312 常用字符集"})
        ]
      })
    );
    expect(rows).toEqual([
      {source: SOURCES.platform.label, path: "platform/2024-04.csv", encoding: "GB18030（GBK）", confidence: "存疑", evidence: "不是合法的 UTF-8；但 12 个非 ASCII 字符的 41.6% 属于 GB2312 常用字符集"},
      {source: SOURCES.hotline.label, path: "hotline/2024-03.csv", encoding: "UTF-8", confidence: "确定", evidence: "全文是合法的 UTF-8（约 300 个多字节字符）"}
    ]);
  });

  test("the published files carry the encoding in words and no content hash", () => {
    const published = publicReport(report({hotline: [file("hotline/2024-03.csv", {encoding: "utf-16le", encodingConfidence: "certain"})]})) as {sources: Record<string, {files: Record<string, unknown>[]}>};
    const [f] = published.sources.hotline.files;
    expect(f.encodingLabel).toBe("UTF-16 LE（Unicode 文本）");
    expect(f.encodingConfidence).toBe("certain");
    expect(f).not.toHaveProperty("sha256");
  });
});

describe("future months", () => {
  test("files whose name or rows name a month after today, latest first, with the ingest's own remark", () => {
    const byName = file("platform/2027-02_案卷.xlsx", {month: "2027-02", rowsRead: 40});
    flagFuture(byName, "2027-01-05 08:00:00", "2026-12-01");
    const byRows = file("hotline/2026-11.csv", {month: "2026-11"});
    flagFuture(byRows, "2026-12-25", "2026-12-01");
    const now = file("hotline/2026-10.csv", {month: "2026-10"});
    flagFuture(now, "2026-10-31", "2026-12-01");
    const rows = futureRows(report({platform: [byName], hotline: [now, byRows]}));
    expect(rows.map((r) => [r.path, r.futureMonth, r.rowsRead])).toEqual([
      ["platform/2027-02_案卷.xlsx", "2027-02", 40],
      ["hotline/2026-11.csv", "2026-12", 10]
    ]);
    expect(rows[0].remark).toBe("文件名中的月份 2027-02、数据行中最晚的日期 2027-01-05 晚于今天（2026-12-01），请核对日期是否有误；本文件已照常导入");
    expect(rows[1].source).toBe(SOURCES.hotline.label);
  });
});
