// Types for the `npm:` specifiers that Framework resolves from its (offline-filled) npm cache.
declare module "npm:@observablehq/plot" {
  export * from "@observablehq/plot";
}
declare module "npm:d3" {
  export * from "d3";
}
declare module "npm:arquero" {
  export * from "arquero";
}
declare module "npm:apache-arrow" {
  export * from "apache-arrow";
}
declare module "npm:htl" {
  export * from "htl";
}
