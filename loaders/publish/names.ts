/** SQL for a code's Chinese name from the `codes` table of the publishing connection. */
export function codeName(list: string, column: string): string {
  return `coalesce((SELECT name FROM codes WHERE codes.list = '${list}' AND codes.code = ${column}), ${column})`;
}
