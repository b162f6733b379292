export type CodeListId =
  | "street"
  | "community"
  | "problem_source"
  | "problem_type"
  | "category"
  | "platform_status"
  | "close_type"
  | "department"
  | "party_type"
  | "squad"
  | "procedure_type"
  | "violation"
  | "execution_status"
  | "case_status"
  | "document_type"
  | "review_category"
  | "review_outcome"
  | "hotline_source"
  | "hotline_topic"
  | "request_kind"
  | "hotline_status"
  | "hotline_result"
  | "satisfaction"
  | "publicity_kind"
  | "publicity_level"
  | "activity_theme"
  | "training_type";

/** One entry of a code list. `name` is the canonical Chinese name; `aliases` are other spellings seen in exports. */
export interface CodeEntry {
  code: string;
  name: string;
  aliases?: readonly string[];
  /** Code of the parent entry in the same list (category minor -> major) or in another list (community -> street). */
  parent?: string;
  description?: string;
}

export interface CodeList {
  id: CodeListId;
  label: string;
  description: string;
  entries: readonly CodeEntry[];
}
