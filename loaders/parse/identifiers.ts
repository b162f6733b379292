/**
 * Identifiers as Excel leaves them. Excel keeps 15 significant digits of a number: an 18-digit ID number or a long
 * case number typed into a number cell becomes 4.10102199003071E+17 and its last digits are gone for good (written to
 * CSV as 4.10102E+17 or 410102199003071000). Such a value must never become an id or a person key.
 */
import {isValidIdNumber, isValidUscc} from "../schema/identifiers.ts";
import type {Cell} from "../read.ts";
import {halfWidth, WHITESPACE} from "./text.ts";

/** Excel's 15 significant digits (and past 2^53 a double cannot hold every integer anyway). */
const EXACT_DIGITS_LIMIT = 1e15;
const SIGNIFICANT_DIGITS = 15;
/** 4.10102E+17, also with the decimal comma of European settings (4,10102E+17). */
const SCIENTIFIC = /^[+-]?\d+([.,]\d+)?[eE][+]?\d+$/;
/** A number printed with thousands separators (411,002,199,001,011,000) or decimals (411002199001011000.0). */
const PRINTED_NUMBER = /^[+-]?(\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$/;

/** An identifier cell as a person would retype it: half-width, without spaces, without Excel's leading ' text mark. */
function identifierText(cell: string): string {
  const s = halfWidth(cell).replace(WHITESPACE, "");
  return s.charCodeAt(0) === 0x27 ? s.slice(1) : s;
}

/**
 * True for a cell that holds an identifier Excel has already truncated to 15 significant digits:
 * - a number of 16 or more digits;
 * - a number as text in scientific form (4.10102E+17, 4,10102E+17);
 * - a number as text with thousands separators or decimals whose whole part has 16 or more digits
 *   (411,002,199,001,011,000; 411002199001011000.0): only a number cell prints so;
 * - 18 or more digits whose digits past the 15th are all 0 (410102199003071000), as a number cell formatted "0" is
 *   written to CSV. A true identifier of that form is taken for a damaged one (about 1 in 1,000 of 18-digit ones):
 *   it is reported, never silently kept, whereas a damaged one kept would merge different people or records.
 * Spaces, full-width digits and a leading apostrophe (Excel's mark for text) are ignored.
 */
export function damagedIdentifier(cell: Cell | undefined): boolean {
  if (typeof cell === "number") return cell >= EXACT_DIGITS_LIMIT || cell <= -EXACT_DIGITS_LIMIT;
  if (typeof cell !== "string" || cell.length > 48) return false;
  // the common case, a short code: only the scientific form of a damaged number is this short
  if (cell.length <= SIGNIFICANT_DIGITS && !/[eE\uff25\uff45]/.test(cell)) return false;
  const s = identifierText(cell);
  if (SCIENTIFIC.test(s)) return true;
  if (!PRINTED_NUMBER.test(s)) return false;
  const whole = s.replace(/^[+-]/, "").replace(/\..*$/, "");
  if (whole.includes(",") || s.includes(".")) return whole.replaceAll(",", "").length > SIGNIFICANT_DIGITS;
  return whole.length >= 18 && /^0+$/.test(whole.slice(SIGNIFICANT_DIGITS));
}

/**
 * What is wrong with a normalized (upper-case, no spaces) ID or credit-code cell, or null: "damaged" for 18 digits
 * whose last three were zeroed by Excel (410102199003071000) and whose check character fails; "check_digit" for an
 * 18-character ID number whose GB 11643 check character fails; "format" for a value that is neither an ID number
 * (18 or 15 digits) nor a GB 32100 unified social credit code. A valid credit code or ID number gives null.
 */
export function idNumberProblem(s: string): "damaged" | "check_digit" | "format" | null {
  if (/^\d{17}[\dX]$/.test(s)) {
    if (isValidIdNumber(s) || isValidUscc(s)) return null;
    return s.endsWith("000") ? "damaged" : "check_digit";
  }
  if (/^\d{15}$/.test(s)) return null;
  if (/^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/.test(s)) return isValidUscc(s) ? null : "check_digit";
  return "format";
}
