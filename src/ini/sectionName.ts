// Section names as the AWS CLI reads them, from the text between the brackets
// of a header.
//
// Python's configparser (which botocore uses) takes everything between the
// first "[" and the last "]" of the stripped line, unstripped: "[ x ]" is the
// section " x ", never the profile "x" (configparser.py, SECTCRE
// `\[(?P<header>.+)\]`). For config-file sections starting with "profile",
// "sso-session" or "services", botocore splits the name into shell words and
// takes the second of exactly two (botocore/configloader.py,
// build_profile_map), so whitespace around the name is not part of it:
// "[profile  x ]" and "[profile\tx]" are the profile "x".
//
// botocore's shell words also drop quotes and backslashes (`[profile "x"]` is
// "x" to it). The reader keeps those as written, since profile names with
// quotes and backslashes are read back verbatim
// (test/property/hostileNames.test.ts); the editors count `[profile "x"]` as
// the same section as `[profile x]` (sectionKey), so they never add a second
// copy of a profile for the AWS CLI.

const PREFIXED = /^(profile|sso-session|services)\s+(\S.*?)\s*$/;
// Already folded: the common case, decided without the slower PREFIXED (parseIni.ts is on the cache-hit path).
const FOLDED = /^(?:profile|sso-session|services) \S+$/;
const QUOTED = /^(profile|sso-session|services) (["'])([^\s"']+)\2$/;

/** "profile  x " → "profile x"; any other name as written. */
export function sectionName(raw: string): string {
  if (FOLDED.test(raw)) return raw;
  const m = PREFIXED.exec(raw);
  return m ? `${m[1]} ${m[2]}` : raw;
}

/** What the editors compare: sectionName, with one pair of quotes around a one-word prefixed name dropped. */
export function sectionKey(name: string): string {
  const n = sectionName(name);
  const m = QUOTED.exec(n);
  return m ? `${m[1]} ${m[3]}` : n;
}
