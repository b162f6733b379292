/**
 * Identifiers as Excel leaves them. Excel keeps 15 significant digits of a number: an 18-digit ID number or a long
 * case number typed into a number cell becomes 4.10102199003071E+17 and its last digits are gone for good (written to
 * CSV as 4.10102E+17 or 410102199003071000). Such a value must never become an id or a person key.
 */
import {isValidIdNumber, isValidUscc} from "../schema/identifiers.ts";
import type {Cell} from "../read.ts";

/** Excel's 15 significant digits (and past 2^53 a double cannot hold every integer anyway). */
const EXACT_DIGITS_LIMIT = 1e15;
const SCIENTIFIC = /^\s*[+-]?\d+(\.\d+)?[eE][+]?\d+\s*$/;

/** True for a cell that holds an identifier Excel has already truncated: a number of 16 or more digits, or 4.1E+17. */
export function damagedIdentifier(cell: Cell | undefined): boolean {
  if (typeof cell === "number") return cell >= EXACT_DIGITS_LIMIT || cell <= -EXACT_DIGITS_LIMIT;
  return typeof cell === "string" && cell.length < 32 && SCIENTIFIC.test(cell);
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
