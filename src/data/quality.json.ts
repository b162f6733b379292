import {publishJson, warehouseDir} from "../../loaders/publish/connection.ts";
import {geoFiles, publicReport, readReport, rejectList} from "../../loaders/publish/quality.ts";

await publishJson(async (con) => ({report: publicReport(readReport(warehouseDir())), rejects: await rejectList(con), geoFiles: await geoFiles(con)}));
