import {publishJson, warehouseDir} from "../../loaders/publish/connection.ts";
import {LISTED_ROWS} from "../../loaders/findings.ts";
import {encodingRows, futureRows, geoFiles, publicReport, readReport, rejectList} from "../../loaders/publish/quality.ts";

await publishJson(async (con) => {
  const report = readReport(warehouseDir());
  return {report: publicReport(report), rejects: await rejectList(con), geoFiles: await geoFiles(con), encodings: encodingRows(report), futureFiles: futureRows(report), listedRows: LISTED_ROWS};
});
