import {publishArrow} from "../../loaders/publish/connection.ts";
import {documentsSql} from "../../loaders/publish/enforcement.ts";

await publishArrow(documentsSql);
