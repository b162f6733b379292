import {randomBytes} from "node:crypto";
import {existsSync, mkdirSync, readFileSync, statSync, utimesSync, writeFileSync} from "node:fs";
import {mkdtemp, rm} from "node:fs/promises";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {brotliDecompressSync, gunzipSync} from "node:zlib";
import {afterEach, beforeEach, describe, expect, test} from "vitest";
import {compressDir, MIN_BYTES} from "../../scripts/compress.ts";

let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "compress-"));
});

afterEach(async () => {
  await rm(dir, {recursive: true, force: true});
});

const text = (n: number, word = "城管案件 case ") => word.repeat(Math.ceil(n / Buffer.byteLength(word))).slice(0, n);

function write(name: string, content: string | Buffer, mtime?: Date): string {
  const path = join(dir, name);
  mkdirSync(join(path, ".."), {recursive: true});
  writeFileSync(path, content);
  if (mtime) utimesSync(path, mtime, mtime);
  return path;
}

describe("compressDir", () => {
  test("writes .br and .gz that decompress to each text file, and nothing for small, incompressible or binary files", async () => {
    const page = write("platform.html", text(5000));
    const wasm = write("_npm/pkg@1.0.0/dist/engine.wasm", Buffer.concat([Buffer.alloc(4000), Buffer.from(text(4000))]));
    write("tiny.json", "{}");
    write("noise.json", randomBytes(4096));
    write("photo.png", Buffer.from(text(5000)));
    const attached = write("_file/data/export.csv.gz", Buffer.from(text(5000)));

    const summary = await compressDir(dir);

    for (const path of [page, wasm]) {
      expect(brotliDecompressSync(readFileSync(`${path}.br`)).equals(readFileSync(path))).toBe(true);
      expect(gunzipSync(readFileSync(`${path}.gz`)).equals(readFileSync(path))).toBe(true);
      expect(statSync(`${path}.br`).size).toBeLessThan(statSync(path).size);
    }
    for (const name of ["tiny.json", "noise.json", "photo.png", "_file/data/export.csv.gz"]) {
      expect(existsSync(join(dir, `${name}.br`)), name).toBe(false);
      expect(existsSync(join(dir, `${name}.gz`)), name).toBe(false);
    }
    expect(readFileSync(attached, "utf-8")).toBe(text(5000));
    expect(summary.files).toBe(2);
    expect(summary.written).toBe(4);
    expect(summary.bytes.raw).toBe(statSync(page).size + statSync(wasm).size);
  });

  test("a second run writes nothing; a rebuilt file gets new variants, and one that shrank below the minimum loses them", async () => {
    const old = new Date("2026-01-01T00:00:00Z");
    const page = write("index.html", text(5000), old);
    const data = write("data.json", text(3000), old);
    await compressDir(dir);
    expect((await compressDir(dir)).written).toBe(0);

    write("index.html", text(5000, "新的一月 new month "));
    write("data.json", "[1]");
    const again = await compressDir(dir);
    expect(again.written).toBe(2);
    expect(brotliDecompressSync(readFileSync(`${page}.br`)).toString()).toBe(text(5000, "新的一月 new month "));
    expect(gunzipSync(readFileSync(`${page}.gz`)).toString()).toBe(text(5000, "新的一月 new month "));
    expect(statSync(data).size).toBeLessThan(MIN_BYTES);
    expect(existsSync(`${data}.br`)).toBe(false);
    expect(existsSync(`${data}.gz`)).toBe(false);
  });

  test("a missing folder is an error", async () => {
    await expect(compressDir(join(dir, "absent"))).rejects.toThrow(/ENOENT/);
  });
});
