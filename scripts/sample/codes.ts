/**
 * The district as the sample generator sees it: the streets, communities, departments and squads of the shipped code
 * lists (data/codes/*.yaml), read once. The generator writes codes and renders them the way each system prints them.
 */
import {byCode as bookByCode, categoryByCode as bookCategoryByCode, defaultCodeBook, type Category, type CodeEntry, type CodeListId} from "../../loaders/codes/index.ts";

export interface Street {
  code: string;
  name: string;
  /** The street office's full name (…街道办事处). */
  fullName: string;
  /** Approximate centre, WGS-84 degrees. */
  lon: number;
  lat: number;
  communities: readonly {code: string; name: string}[];
}

const book = defaultCodeBook();

export const STREETS: readonly Street[] = book.lists.street.entries.map((s) => {
  const center = (s as CodeEntry & {center?: [number, number]}).center ?? [113.83, 34.03];
  return {
    code: s.code,
    name: s.name,
    fullName: `${s.name}办事处`,
    lon: center[0],
    lat: center[1],
    communities: book.lists.community.entries.filter((c) => c.parent === s.code).map((c) => ({code: c.code, name: c.name}))
  };
});

/** Departments the platform dispatches to; the first eleven are the street offices, in street order. */
export const DEPARTMENTS: readonly CodeEntry[] = book.lists.department.entries;
/** Enforcement squads: one per street office (in street order), then the bureau-level squads. */
export const SQUADS: readonly CodeEntry[] = book.lists.squad.entries;

export const categoryByCode = (code: string): Category | undefined => bookCategoryByCode(book, code);
export const byCode = (list: CodeListId, code: string): CodeEntry | undefined => bookByCode(book, list, code);
