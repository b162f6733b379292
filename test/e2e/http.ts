/** Raw HTTP for the server tests: a GET with exactly the headers given (fetch would add and undo its own Accept-Encoding). */
import {request} from "node:http";

export interface Response {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

export function get(url: string, headers: Record<string, string> = {}): Promise<Response> {
  return new Promise((done, fail) => {
    request(url, {headers}, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => done({status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks)}));
    }).on("error", fail).end();
  });
}
