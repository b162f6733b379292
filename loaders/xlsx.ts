/**
 * The spreadsheet library, loaded once: SheetJS 0.20.3 as published on the registry by @e965/xlsx (the last SheetJS
 * release on the registry under its own name, `xlsx` 0.18.5, carries CVE-2023-30533 and CVE-2024-22363; 0.19.3 and
 * 0.20.2 fixed them). Its ES module build leaves out the code pages, which old .xls files (BIFF5, Excel 95) written
 * in GBK need; they are attached here.
 */
import * as XLSX from "@e965/xlsx";
import * as cptable from "@e965/xlsx/dist/cpexcel.full";

XLSX.set_cptable(cptable);

export default XLSX;
export type {CellObject, Range, WorkBook, WorkSheet} from "@e965/xlsx";
