/** A reason the ingest cannot run at all (as opposed to rows or files it rejects); the message is for the maintainer. */
export class IngestError extends Error {
  override name = "IngestError";
}
