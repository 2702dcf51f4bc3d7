import { ConfigError } from "../errors.js";
import { readRegularFileSync, showBytes } from "../io/readRegularFile.js";
import { type ConfigPaths, displayPath, MAX_CONFIG_BYTES } from "./paths.js";
import { parseIni, type IniValue } from "../ini/parseIni.js";

export interface RawSetting extends IniValue {
  file: string;
}
/** A profile's settings as written, both files merged (credentials file wins). */
export interface RawProfile {
  name: string;
  settings: Map<string, RawSetting>;
  inConfig: boolean;
  inCredentials: boolean;
}
export interface LoadedConfig {
  paths: ConfigPaths;
  profiles: Map<string, RawProfile>;
  /** Other config sections (`sso-session x`, `services x`), by header. */
  sections: Map<string, Map<string, RawSetting>>;
}

/** `variable`: the environment variable that named the path, if one did. */
export type ReadText = (path: string, variable?: string) => string | undefined;

export const readTextIfExists: ReadText = (path, variable) => {
  try {
    return readRegularFileSync(path, {
      maxBytes: MAX_CONFIG_BYTES,
      refuse: (why) =>
        new ConfigError(`${path} ${why.text}`, {
          hint:
            why.kind === "too-large"
              ? variable
                ? `check that ${variable} names an AWS shared config or credentials file (stsctl reads at most ${showBytes(MAX_CONFIG_BYTES)})`
                : `an AWS shared config or credentials file is far smaller: check what wrote this one (stsctl reads at most ${showBytes(MAX_CONFIG_BYTES)})`
              : variable
                ? `point ${variable} at a regular file, or unset it`
                : "replace it with a regular file: stsctl reads only regular files",
        }),
    }).toString("utf8");
  } catch (e) {
    if (e instanceof ConfigError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    if (code === "ENOENT" || code === "ENOTDIR") return undefined;
    throw new ConfigError(`cannot read ${path}: ${(e as Error).message}`, {
      hint: "check the file's permissions",
      cause: e,
    });
  }
};

/** Reads ~/.aws/config and ~/.aws/credentials into raw profiles (a missing file: none). No network, no prompts. */
export function loadConfig(paths: ConfigPaths, read: ReadText = readTextIfExists): LoadedConfig {
  const configText = read(paths.configFile, paths.configFromEnv ? "AWS_CONFIG_FILE" : undefined);
  const credentialsText = read(paths.credentialsFile, paths.credentialsFromEnv ? "AWS_SHARED_CREDENTIALS_FILE" : undefined);
  // A missing file is an empty one, wherever its path came from: the AWS CLI reads a missing
  // AWS_CONFIG_FILE or AWS_SHARED_CREDENTIALS_FILE as no profiles, and so does stsctl.
  const profiles = new Map<string, RawProfile>();
  const sections = new Map<string, Map<string, RawSetting>>();
  const profileFor = (name: string) => {
    let p = profiles.get(name);
    if (!p) profiles.set(name, (p = { name, settings: new Map(), inConfig: false, inCredentials: false }));
    return p;
  };

  if (configText !== undefined) {
    const file = displayPath(paths.configFile, paths.home);
    for (const s of parseIni(configText, file)) {
      const name = s.header === "default" ? "default" : /^profile\s+(.+)$/.exec(s.header)?.[1]?.trim();
      const withFile = new Map([...s.values].map(([k, v]) => [k, { ...v, file }]));
      if (name === undefined) {
        // `[name]` without "profile " is ignored by the AWS CLI in the config file; keep it for other kinds of section.
        sections.set(s.header, withFile);
        continue;
      }
      const p = profileFor(name);
      p.inConfig = true;
      for (const [k, v] of withFile) p.settings.set(k, v);
    }
  }
  if (credentialsText !== undefined) {
    const file = displayPath(paths.credentialsFile, paths.home);
    for (const s of parseIni(credentialsText, file)) {
      const p = profileFor(s.header);
      p.inCredentials = true;
      for (const [k, v] of s.values) p.settings.set(k, { ...v, file });
    }
  }
  return { paths, profiles, sections };
}
