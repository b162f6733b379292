/** The code lists the schemas refer to; each is a file `data/codes/<id>.yaml` that the bureau edits. */
export const CODE_LIST_IDS = [
  "street",
  "community",
  "problem_source",
  "problem_type",
  "category",
  "platform_status",
  "close_type",
  "department",
  "party_type",
  "squad",
  "procedure_type",
  "violation",
  "execution_status",
  "case_status",
  "document_type",
  "review_category",
  "review_outcome",
  "hotline_source",
  "hotline_topic",
  "request_kind",
  "hotline_status",
  "hotline_result",
  "satisfaction",
  "publicity_kind",
  "publicity_level",
  "activity_theme",
  "training_type"
] as const;

export type CodeListId = (typeof CODE_LIST_IDS)[number];

/** What a metric or a page reads from an entry besides its name (see ATTRIBUTES in schema.ts). */
export type AttributeValue = string | number | boolean;

/** One entry of a code list. `name` is the canonical Chinese name; `aliases` are other spellings seen in exports. */
export interface CodeEntry {
  code: string;
  name: string;
  aliases?: readonly string[];
  /** Code of the parent entry in the same list (category minor -> major) or in another list (community -> street). */
  parent?: string;
  description?: string;
  /** The list's semantic attributes (stage of a status, satisfied, corrective, ladder step, …). */
  attributes?: Readonly<Record<string, AttributeValue>>;
  /** 1-based line of the entry in its YAML file, for messages. */
  line?: number;
}

export interface CodeList {
  id: CodeListId;
  label: string;
  description: string;
  /** The standard the list follows, when it is a standard vocabulary (GB/T 30428 categories, …). */
  standard: string | null;
  entries: readonly CodeEntry[];
  /** The YAML file, relative to the project (data/codes/<id>.yaml). */
  file: string;
}

export type ProblemType = "event" | "component";

/** A GB/T 30428.2 category: an event (事件) or component (部件), major (大类) or minor (小类). */
export interface Category extends CodeEntry {
  type: ProblemType;
  /** The code as printed by the platform: 2 digits for a major, 4 for a minor category. */
  gb: string;
  level: "major" | "minor";
}
