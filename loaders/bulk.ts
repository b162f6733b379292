import fs from "node:fs";

export const UNSAFE = /[\t\n\r]/;
export const UNSAFE_ALL = /[\t\n\r]/g;

/** A value as a bulk file holds it: null for nothing or an empty string, tabs and line breaks turned into spaces. */
export function tsvText(v: unknown): string | null {
  if (typeof v === "string") return v === "" ? null : UNSAFE.test(v) ? v.replace(UNSAFE_ALL, " ") : v;
  if (v === null || v === undefined) return null;
  return tsvText(String(v));
}

/**
 * Bulk rows for DuckDB as tab-separated text with no quoting: values never hold tabs or line breaks (they are
 * replaced by spaces), null is the empty field. Loading it with COPY is several times faster than appending
 * values one call at a time from JavaScript. Lines are encoded straight into one reused buffer: joining many
 * short strings first costs more than the encoding itself.
 */
export class TsvWriter {
  private fd: number | null = null;
  private buffer = Buffer.allocUnsafe(1 << 22);
  private used = 0;

  /** The file is created with the first flush: a writer that gets no rows leaves none (most files have no rejects). */
  constructor(readonly file: string) {}

  write(values: readonly unknown[]): void {
    let line = "";
    for (let i = 0; i < values.length; i++) {
      if (i) line += "\t";
      line += tsvText(values[i]) ?? "";
    }
    this.writeLine(line);
  }

  /** A line already in the bulk form (values by {@link tsvText}, joined by tabs), without its line break. */
  writeLine(text: string): void {
    const line = text + "\n";
    // a UTF-16 code unit never takes more than 3 bytes in UTF-8
    if (this.used + line.length * 3 > this.buffer.length) {
      this.flush();
      if (line.length * 3 > this.buffer.length) this.buffer = Buffer.allocUnsafe(line.length * 3);
    }
    this.used += this.buffer.write(line, this.used);
  }

  private flush(): void {
    if (this.used === 0) return;
    this.fd ??= fs.openSync(this.file, "w");
    for (let done = 0; done < this.used; ) done += fs.writeSync(this.fd, this.buffer, done, this.used - done);
    this.used = 0;
  }

  close(): void {
    this.flush();
    if (this.fd !== null) fs.closeSync(this.fd);
    this.fd = null;
  }
}
