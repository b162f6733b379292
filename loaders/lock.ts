import fs from "node:fs";
import os from "node:os";

export class LockError extends Error {
  override name = "LockError";
}

interface LockInfo {
  pid: number;
  host: string;
  startedAt: string;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

function readLock(file: string): LockInfo | null {
  try {
    const info = JSON.parse(fs.readFileSync(file, "utf8")) as LockInfo;
    return typeof info.pid === "number" ? info : null;
  } catch {
    return null;
  }
}

/** A lock whose holder is gone: a dead pid on this host, or an unreadable file older than a minute. */
function isStale(file: string, info: LockInfo | null): boolean {
  if (!info) {
    try {
      return Date.now() - fs.statSync(file).mtimeMs > 60_000;
    } catch {
      return true;
    }
  }
  return info.host === os.hostname() && info.pid !== process.pid && !alive(info.pid);
}

/**
 * Takes an exclusive lock file (O_EXCL). A lock left by a dead process on this host is taken over; a live one
 * makes this throw LockError. Returns the release function.
 */
export function acquireLock(file: string): () => void {
  const mine: LockInfo = {pid: process.pid, host: os.hostname(), startedAt: new Date().toISOString()};
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fd = fs.openSync(file, "wx");
      fs.writeSync(fd, JSON.stringify(mine));
      fs.closeSync(fd);
      let released = false;
      return () => {
        if (released) return;
        released = true;
        if (readLock(file)?.pid === mine.pid) fs.rmSync(file, {force: true});
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
    const info = readLock(file);
    if (!isStale(file, info)) {
      throw new LockError(
        info
          ? `仓库已被锁定: 进程 ${info.pid}（${info.host}）自 ${info.startedAt} 起正在导入；如确认该进程已不存在，请删除 ${file}`
          : `仓库已被锁定: ${file}`
      );
    }
    // Renaming first means only one of several racing processes removes the stale lock.
    try {
      fs.renameSync(file, `${file}.stale-${process.pid}`);
      fs.rmSync(`${file}.stale-${process.pid}`, {force: true});
    } catch {
      // another process took it over first; try again
    }
  }
  throw new LockError(`无法获取仓库锁: ${file}`);
}
