import config from "../observablehq.config.ts";

/** The product's pages: the home page and the sidebar's, as the Framework configuration lists them. */
export const PAGES = ["/", ...config.pages.map((p) => p.path)];

/** The three layouts the bureau uses (big screen, laptop, phone). */
export const VIEWPORTS = [
  {name: "1920", width: 1920, height: 1080},
  {name: "1280", width: 1280, height: 800},
  {name: "390", width: 390, height: 844}
];
