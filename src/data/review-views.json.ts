import {reviewSql} from "../../loaders/publish/enforcement.ts";
import {publishPrerendered} from "../../loaders/publish/prerender.ts";
import {reviewDefaultViews, reviewOptions, reviewView} from "../components/review-data.ts";

await publishPrerendered({review: reviewSql}, reviewOptions, reviewView, reviewDefaultViews);
