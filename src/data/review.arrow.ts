import {publishArrow} from "../../loaders/publish/connection.ts";
import {reviewSql} from "../../loaders/publish/enforcement.ts";

await publishArrow(reviewSql);
