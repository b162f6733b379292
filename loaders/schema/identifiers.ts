const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = "10X98765432";

/** GB 11643 check character for the first 17 digits of a citizen ID number. */
export function idCheckChar(first17: string): string {
  let s = 0;
  for (let i = 0; i < 17; i++) s += Number(first17[i]) * ID_WEIGHTS[i];
  return ID_CHECK[s % 11];
}

/** 18-character citizen ID number with a valid birth date and GB 11643 check character. */
export function isValidIdNumber(id: string): boolean {
  if (!/^\d{17}[\dX]$/.test(id)) return false;
  const y = +id.slice(6, 10);
  const m = +id.slice(10, 12);
  const d = +id.slice(12, 14);
  const date = new Date(Date.UTC(y, m - 1, d));
  if (y < 1800 || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return false;
  return idCheckChar(id.slice(0, 17)) === id[17];
}

const USCC_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY";
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
const ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2];

/** GB 32100 check character for the first 17 characters of a unified social credit code. */
export function usccCheckChar(first17: string): string {
  let s = 0;
  for (let i = 0; i < 17; i++) s += USCC_CHARS.indexOf(first17[i]) * USCC_WEIGHTS[i];
  return USCC_CHARS[(31 - (s % 31)) % 31];
}

/** GB 11714 check character for the first 8 characters of an organization code. */
export function orgCodeCheckChar(first8: string): string {
  let s = 0;
  for (let i = 0; i < 8; i++) s += parseInt(first8[i], 36) * ORG_WEIGHTS[i];
  const c = 11 - (s % 11);
  return c === 10 ? "X" : c === 11 ? "0" : String(c);
}

/** Unified social credit code with a valid GB 32100 check character. */
export function isValidUscc(code: string): boolean {
  if (!/^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/.test(code)) return false;
  return usccCheckChar(code.slice(0, 17)) === code[17];
}

/** Mainland mobile number: 11 digits starting 13-19. */
export function isMobileNumber(s: string): boolean {
  return /^1[3-9]\d{9}$/.test(s);
}
