/** The entries that are set: optional step fields stay absent rather than undefined or "" (so `plan --json` omits them). */
export function defined<T extends Record<string, unknown>>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined && v !== "")) as Partial<T>;
}
