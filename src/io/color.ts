// Colour only when stderr is a terminal and NO_COLOR is unset (https://no-color.org).
// A tiny wrapper instead of chalk on the hot path: chalk is loaded by UI-heavy commands only.
const enabled =
  !process.env.NO_COLOR && process.env.TERM !== "dumb" && (process.env.FORCE_COLOR ? true : Boolean(process.stderr.isTTY));

const wrap = (open: number, close: number) => (s: string) => (enabled ? `\u001b[${open}m${s}\u001b[${close}m` : s);

export const paint = {
  red: wrap(31, 39),
  yellow: wrap(33, 39),
  green: wrap(32, 39),
  cyan: wrap(36, 39),
  dim: wrap(2, 22),
  bold: wrap(1, 22),
};
