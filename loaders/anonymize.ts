import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import {isValidUscc, type FieldSpec, type SourceSchema} from "./schema/index.ts";

export const SALT_ENV = "CHENGGUAN_SALT";

export interface Salt {
  value: string;
  /** Where it came from: the environment variable or the salt file's path. */
  origin: string;
  /** Stored in the warehouse to notice a changed salt (which invalidates every stored hash). */
  fingerprint: string;
}

/**
 * The local secret for salted hashes: $CHENGGUAN_SALT if set, else the file `.salt` beside the warehouse directory
 * (data/.salt for the default data/warehouse, git-ignored), created with 256 random bits on first use.
 */
export function loadSalt(warehouseDir: string, env: NodeJS.ProcessEnv = process.env, options: {create?: boolean} = {}): Salt {
  const fromEnv = env[SALT_ENV]?.trim();
  let value: string;
  let origin: string;
  if (fromEnv) {
    value = fromEnv;
    origin = `$${SALT_ENV}`;
  } else {
    const file = path.join(path.dirname(path.resolve(warehouseDir)), ".salt");
    origin = file;
    try {
      value = fs.readFileSync(file, "utf8").trim();
    } catch {
      value = "";
    }
    if (!value && options.create === false) {
      throw new Error(`找不到加密盐 ${file}（也没有设置 $${SALT_ENV}）：请使用生成仓库时的盐`);
    }
    if (!value) {
      fs.mkdirSync(path.dirname(file), {recursive: true});
      const fresh = crypto.randomBytes(32).toString("hex");
      try {
        fs.writeFileSync(file, fresh + "\n", {mode: 0o600, flag: "wx"});
        value = fresh;
      } catch {
        value = fs.readFileSync(file, "utf8").trim();
        if (!value) {
          fs.writeFileSync(file, fresh + "\n", {mode: 0o600});
          value = fresh;
        }
      }
    }
  }
  const fingerprint = crypto.createHash("sha256").update(`salt-fingerprint:${value}`).digest("hex").slice(0, 16);
  return {value, origin, fingerprint};
}

/** Keyed hash (HMAC-SHA256, 64 bits shown): equal inputs give equal tokens, but inputs cannot be recovered. */
export function saltedHash(salt: string, kind: string, value: string): string {
  return crypto.createHmac("sha256", salt).update(`${kind}\u0000${value}`).digest("hex").slice(0, 16);
}

const SHA256_BLOCK = 64;

/**
 * {@link saltedHash} for one salt, computed as HMAC's two SHA-256 passes over the padded key with one-shot
 * `crypto.hash` (Node 20.12+): about a quarter cheaper per value than creating an HMAC object for each.
 */
export function saltedHasher(salt: string): (kind: string, value: string) => string {
  if (typeof crypto.hash !== "function") return (kind, value) => saltedHash(salt, kind, value);
  let key = Buffer.from(salt, "utf8");
  if (key.length > SHA256_BLOCK) key = crypto.createHash("sha256").update(key).digest();
  const padded = (pad: number) => Buffer.from(Array.from({length: SHA256_BLOCK}, (_, i) => (key[i] ?? 0) ^ pad));
  let inner = Buffer.concat([padded(0x36), Buffer.alloc(256)]);
  const outer = Buffer.concat([padded(0x5c), Buffer.alloc(32)]);
  return (kind, value) => {
    const message = `${kind}\u0000${value}`;
    if (SHA256_BLOCK + message.length * 3 > inner.length) inner = Buffer.concat([inner.subarray(0, SHA256_BLOCK), Buffer.alloc(message.length * 3)]);
    const end = SHA256_BLOCK + inner.write(message, SHA256_BLOCK);
    crypto.hash("sha256", inner.subarray(0, end), "buffer").copy(outer, SHA256_BLOCK);
    return crypto.hash("sha256", outer, "hex").slice(0, 16);
  };
}

const COMPOUND_SURNAMES = new Set(
  (
    "欧阳 司马 诸葛 上官 东方 皇甫 尉迟 公孙 慕容 长孙 宇文 司徒 夏侯 轩辕 令狐 钟离 澹台 公冶 端木 独孤 南宫 西门 " +
    "申屠 太叔 呼延 闻人 万俟 赫连 百里 东郭 司空 拓跋 第五 左丘 宗政 濮阳 淳于 单于 仲孙 羊舌 微生 梁丘 谷梁 漆雕 乐正"
  ).split(" ")
);

/** 张三 -> 张某, 欧阳娜娜 -> 欧阳某: the usual form for natural persons in public penalty information. */
export function maskName(name: string): string {
  const s = name.trim();
  if (!s) return s;
  const two = s.slice(0, 2);
  if (s.length > 2 && COMPOUND_SURNAMES.has(two)) return `${two}某`;
  const first = String.fromCodePoint(s.codePointAt(0)!);
  return `${first}某`;
}

const ORGANIZATION =
  /(公司|有限|集团|商行|商店|商贸|门市|超市|专卖|经营部|营业部|分店|分公司|工作室|事务所|合作社|中心|医院|诊所|药房|药店|学校|幼儿园|银行|酒店|宾馆|饭店|餐厅|餐馆|饭馆|酒楼|小吃|烧烤|火锅|委员会|政府|局|厂|物业|项目部|工地|协会|学会|基金会|俱乐部|网吧|影院|酒吧|茶楼|会所|商场|市场|加油站|店|馆|院|所|站|社|部)$/;

/** Heuristic for a party name without a party type: names ending in an organization word are not natural persons. */
export function looksLikeOrganization(name: string): boolean {
  const s = name.trim();
  return s.length >= 4 && (ORGANIZATION.test(s) || /公司|有限|集团|个体工商户|委员会/.test(s));
}

/** Between two digits of a number written for people to read: nothing, or up to three spaces, dashes or dots. */
const SEP = "[\\s\\-.]{0,3}";
const ID_IN_TEXT = new RegExp(`(?<![0-9A-Za-z])[1-9](?:${SEP}\\d){16}${SEP}[\\dXx](?![0-9A-Za-z])`, "g");
const ID15_IN_TEXT = new RegExp(`(?<![0-9A-Za-z])[1-9](?:${SEP}\\d){14}(?![0-9A-Za-z])`, "g");
const ID18 = /^[1-9]\d{5}(?:18|19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}[\dXx]$/;
const ID15 = /^[1-9]\d{7}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}$/;
const MOBILE_IN_TEXT = new RegExp(`(?<![0-9A-Za-z])(?:(?:\\+|00)?86${SEP})?1${SEP}[3-9](?:${SEP}\\d){9}(?![0-9A-Za-z])`, "g");
const LANDLINE_IN_TEXT = new RegExp(`(?<![0-9A-Za-z])(?:\\(0\\d{2,3}\\)\\s?|0\\d{2,3}[\\s\\-.]{1,3})?\\d{3,4}[\\s\\-.]?\\d{4}(?![0-9A-Za-z-])`, "g");
const LANDLINE_COMPACT = /(?<![0-9A-Za-z])0\d{9,11}(?![0-9A-Za-z])/g;
const PHONE_CUE = /(电话|手机|联系方式|联系|号码|tel|Tel|TEL|致电|来电)[:：\s]*$/;
/** Seven digits, half- or full-width, with separators between them: the least that an ID or phone number has. */
const MAYBE_PERSONAL = /[0-9０-９](?:[\s\-－‐‑‒–—﹣−.．]{0,3}[0-9０-９]){6}/;

/** Full-width digits, X, signs and separators as their ASCII forms, one UTF-16 unit for one: positions stay the same. */
const HALF: Record<string, string> = {"－": "-", "‐": "-", "‑": "-", "‒": "-", "–": "-", "—": "-", "﹣": "-", "−": "-", "．": ".", "（": "(", "）": ")", "＋": "+", "Ｘ": "X", "ｘ": "x"};
function halfDigits(text: string): string {
  return text.replace(/[０-９－‐‑‒–—﹣−．（）＋Ｘｘ\u3000\u00a0]/g, (c) =>
    c >= "０" && c <= "９" ? String.fromCharCode(c.charCodeAt(0) - 0xfee0) : c === "\u3000" || c === "\u00a0" ? " " : HALF[c]
  );
}

export const ID_PLACEHOLDER = "[身份证号]";
export const PHONE_PLACEHOLDER = "[电话]";

/**
 * Removes ID-card and phone numbers from free text, however they are written (spaces, dashes or dots between the
 * digits, full-width digits, or a mix), and the given personal names (replaced by their 张某 form). An 18- or
 * 15-digit run counts as an ID number when its birth date is a date. Landline numbers without an area code are only
 * recognized after a cue such as 电话. Names the text mentions of people other than the given ones are not found:
 * free text is therefore never published (loaders/publish).
 */
export function scrubText(text: string, names: readonly string[] = []): string {
  let s = text;
  if (MAYBE_PERSONAL.test(s)) {
    // matched on a copy with half-width digits and separators; the ranges found are replaced in the text itself
    let m = halfDigits(s);
    const ranges: [number, number, string][] = [];
    const take = (re: RegExp, placeholder: string, accept: (match: string, at: number) => boolean = () => true) => {
      m = m.replace(re, (match: string, at: number) => {
        if (!accept(match, at)) return match;
        ranges.push([at, at + match.length, placeholder]);
        return "\u0000".repeat(match.length);
      });
    };
    const digits = (x: string) => x.replace(/[^0-9Xx]/g, "");
    take(ID_IN_TEXT, ID_PLACEHOLDER, (x) => ID18.test(digits(x)));
    take(ID15_IN_TEXT, ID_PLACEHOLDER, (x) => ID15.test(digits(x)));
    take(MOBILE_IN_TEXT, PHONE_PLACEHOLDER);
    take(LANDLINE_COMPACT, PHONE_PLACEHOLDER);
    take(LANDLINE_IN_TEXT, PHONE_PLACEHOLDER, (x, at) => {
      const hasArea = /^\(?0\d{2,3}/.test(x) && /[\s\-.)]/.test(x);
      return hasArea || PHONE_CUE.test(s.slice(Math.max(0, at - 8), at));
    });
    if (ranges.length) {
      ranges.sort((a, b) => a[0] - b[0]);
      let out = "";
      let from = 0;
      for (const [start, end, placeholder] of ranges) {
        out += s.slice(from, start) + placeholder;
        from = end;
      }
      s = out + s.slice(from);
    }
  }
  for (const name of names) {
    if (name.length >= 2 && s.includes(name)) s = s.split(name).join(maskName(name));
  }
  return s;
}

/** Normalized digits of a phone number, so that 138-1234-5678 and +86 13812345678 hash alike. */
export function phoneKey(s: string): string {
  const digits = s.replace(/\D/g, "");
  return digits.length > 11 && digits.startsWith("86") ? digits.slice(2) : digits;
}

const HOUSE_NUMBER = /[0-9０-９]|[一二三四五六七八九十百零〇两]+(?:号|栋|幢|单元|层|室|排|巷|弄)/;

/** An address without its house number and everything after it: 建安大道318号锦华苑5号楼2单元601 -> 建安大道. */
export function coarsenAddress(address: string): string | null {
  const s = scrubText(address);
  const m = HOUSE_NUMBER.exec(s);
  const head = (m ? s.slice(0, m.index) : s).replace(/[\s,，、;；:：\-—(（]+$/, "").trim();
  return head.length >= 2 ? head : null;
}

/** 当事人住址-like fields are home addresses and are dropped; other address fields are places and are coarsened. */
function isHomeAddress(f: FieldSpec): boolean {
  return /住址|住所|家庭|户籍|居住/.test(f.label) || /home|party_address|residence/.test(f.name);
}

/**
 * Compiles the anonymization of one source's normalized rows (in place), run after validation and before
 * anything is written:
 * - names of natural persons -> 张某 (legal persons, by 当事人类型 or by an organization-like name, keep theirs);
 * - ID numbers -> salted hash (an organization's unified social credit code is public and kept);
 * - phone numbers -> salted hash of their digits;
 * - home addresses -> removed; other addresses -> cut before the house number;
 * - free text -> ID and phone numbers replaced by placeholders, the row's person names by their 张某 form.
 */
export function compileAnonymizer(schema: SourceSchema, salt: string): (row: Record<string, unknown>) => void {
  const personal = schema.fields.filter((f) => f.personal);
  const names = personal.filter((f) => f.personal === "name").map((f) => f.name);
  const hasPartyType = schema.fields.some((f) => f.name === "party_type");
  const hash = saltedHasher(salt);
  return (row) => {
    const organization = hasPartyType && row.party_type === "organization";
    const natural: string[] = [];
    for (const n of names) {
      const v = row[n];
      if (typeof v === "string" && !(hasPartyType ? organization : looksLikeOrganization(v))) natural.push(v);
    }
    for (const f of personal) {
      const v = row[f.name];
      if (typeof v !== "string") continue;
      switch (f.personal) {
        case "name":
          if (natural.includes(v)) row[f.name] = maskName(v);
          break;
        case "id_number":
          if (!(organization && isValidUscc(v))) row[f.name] = hash("id", v);
          break;
        case "phone":
          row[f.name] = hash("phone", phoneKey(v));
          break;
        case "address":
          row[f.name] = isHomeAddress(f) ? null : coarsenAddress(v);
          break;
        case "free_text":
          row[f.name] = scrubText(v, natural);
          break;
      }
    }
  };
}
