import {publishJson} from "../../loaders/publish/connection.ts";
import {buildBulletinFigures} from "../../loaders/publish/bulletin.ts";

await publishJson(buildBulletinFigures);
