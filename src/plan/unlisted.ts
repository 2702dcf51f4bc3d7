/**
 * A copy of `value` that JSON.stringify leaves out (a toJSON that returns
 * undefined drops the property) and util.inspect hides. Static keys ride on
 * their plan step so the engine reads no config, and `plan --json` or a debug
 * dump of a plan must never print them.
 */
export function unlisted<T extends object>(value: T): T {
  const copy = { ...value };
  Object.defineProperties(copy, {
    toJSON: { value: () => undefined },
    [Symbol.for("nodejs.util.inspect.custom")]: { value: () => "[not shown]" },
  });
  return copy;
}
