import {readDocumentSettings} from "../../loaders/documents-config.ts";
import {bulletinMonths} from "../../loaders/publish/bulletin.ts";
import {publishJson} from "../../loaders/publish/connection.ts";

const settings = readDocumentSettings();
await publishJson(async (con) => ({settings, bulletinMonths: await bulletinMonths(con)}));
