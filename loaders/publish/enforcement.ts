/**
 * What the enforcement, review and report pages receive. These registers are small (hundreds
 * of rows a year), so they ship row by row; natural persons appear only as 张某.
 */
import {flagColumns} from "../metrics/flags.ts";
import {codeName} from "./names.ts";

/** Documents log: the public document number, type, dates, street and squad, and the type's step on the ladder. No party. */
export const documentsSql = `
SELECT d.doc_no, ${codeName("document_type", "d.doc_type")} AS doc_type, d.doc_type AS doc_type_code,
  (SELECT CAST(value AS INTEGER) FROM code_attributes a WHERE a.list = 'document_type' AND a.attribute = 'ladder' AND a.code = d.doc_type) AS ladder_step,
  strftime(d.issued_on, '%Y-%m-%d') AS issued_on, strftime(d.issued_on, '%Y-%m') AS month, year(d.issued_on)::INTEGER AS year,
  strftime(d.served_on, '%Y-%m-%d') AS served_on,
  ${codeName("street", "d.street")} AS street, ${codeName("squad", "d.squad")} AS squad, d.case_no
FROM documents d
ORDER BY d.issued_on, d.doc_no`;

/** Case register: procedure, reviews, fines and outcomes; the party only as type (and 张某 form, stored masked at ingest). */
export const casesSql = `
SELECT c.case_no, strftime(c.filed_on, '%Y-%m-%d') AS filed_on, strftime(c.filed_on, '%Y-%m') AS month, year(c.filed_on)::INTEGER AS year,
  ${codeName("party_type", "c.party_type")} AS party_type, c.party_name AS party,
  ${codeName("violation", "c.violation")} AS violation, ${codeName("street", "c.street")} AS street, ${codeName("squad", "c.squad")} AS squad,
  ${codeName("procedure_type", "c.procedure")} AS procedure, c.procedure AS procedure_code,
  c.legal_review, c.collective_discussion, c.full_process_record, c.disclosed,
  c.fine::DOUBLE AS fine, ${flagColumns("cases")}, ${codeName("execution_status", "c.execution")} AS execution, c.execution AS execution_code,
  strftime(c.closed_on, '%Y-%m-%d') AS closed_on,
  CASE WHEN c.closed_on IS NOT NULL THEN date_diff('day', c.filed_on, c.closed_on) END::INTEGER AS duration_days,
  ${codeName("case_status", "c.status")} AS status
FROM cases c
ORDER BY c.filed_on, c.case_no`;

/** Review and litigation: applicant masked at ingest; the contested act is free text that may name the party, and is not published. */
export const reviewSql = `
SELECT r.review_no, ${codeName("review_category", "r.category")} AS category, r.category AS category_code,
  strftime(r.received_on, '%Y-%m-%d') AS received_on, year(r.received_on)::INTEGER AS year,
  strftime(r.decided_on, '%Y-%m-%d') AS decided_on, year(r.decided_on)::INTEGER AS decided_year,
  r.applicant, ${codeName("review_outcome", "r.outcome")} AS outcome, r.outcome AS outcome_code,
  strftime(r.hearing_on, '%Y-%m-%d') AS hearing_on, year(r.hearing_on)::INTEGER AS hearing_year, r.head_appeared,
  ${flagColumns("review")}
FROM review r
ORDER BY r.received_on, r.review_no`;
