/** The product's pages and the three layouts the bureau uses (big screen, laptop, phone). */
export const PAGES = ["/", "/platform", "/enforcement", "/review", "/hotline", "/publicity", "/plan", "/report", "/sql", "/quality"];

export const VIEWPORTS = [
  {name: "1920", width: 1920, height: 1080},
  {name: "1280", width: 1280, height: 800},
  {name: "390", width: 390, height: 844}
];
