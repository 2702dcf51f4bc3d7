// The layer rules of docs/architecture.md ("Layer rules"), checked by `npm run deps`.
// Layers, lowest first; a module may import its own layer and the layers below it,
// and every module may import the leaves, errors.ts and credentials.ts:
//   io, config, ini ← plan, output, completion ← store, sts, mfa ← federation ← engine
//   ← app ← cli, commands ← hot ← entry
// plan sits low because it imports only config: the engine walks its steps, and
// federation builds on its step types and durations.
// Type-only imports count like any other: a type from a higher layer is still
// that layer's contract leaking down, and a type-only cycle still ties two
// modules together. Test files are out of scope: only src/ is cruised.

const room = (...names) => `^src/(${names.join("|")})/`;

const LAYERS = [
  { name: "base", rooms: ["io", "config", "ini"] },
  // Pure: plans from profiles; formatters of credentials and of the command model.
  { name: "pure", rooms: ["plan", "output", "completion"] },
  { name: "adapters", rooms: ["store", "sts", "mfa"] },
  { name: "federation", rooms: ["federation"] },
  { name: "engine", rooms: ["engine"] },
  { name: "app", rooms: ["app"] },
  { name: "cli", rooms: ["cli", "commands"] },
  // The cache-hit path runs before (and instead of) the command table.
  { name: "hot", rooms: ["hot"] },
  { name: "entry", rooms: ["entry"] },
];
const LEAVES = "^src/(errors|credentials)\\.ts$";

/** Each layer imports nothing from the layers above it. */
const layerRules = LAYERS.slice(0, -1).map((layer, i) => {
  const higher = LAYERS.slice(i + 1).flatMap((l) => l.rooms);
  return {
    name: `${layer.name}-imports-no-higher-layer`,
    severity: "error",
    comment: `${layer.rooms.join(", ")} import nothing from ${higher.join(", ")}`,
    from: { path: room(...layer.rooms) },
    to: { path: room(...higher) },
  };
});

// The hot commands (HOT_COMMANDS in src/hot/hotCommands.ts), the only commands
// the fast table (src/hot/fastCommands.ts) may load, and only lazily.
const HOT_COMMAND_MODULES = "^src/commands/(credentialProcess|env)\\.ts$";

module.exports = {
  forbidden: [
    {
      name: "no-circular",
      severity: "error",
      comment: "no cycles, through static, dynamic import() or type-only imports alike",
      from: {},
      to: { circular: true },
    },
    {
      name: "in-a-room",
      severity: "error",
      comment: "every module lives in a room of a layer (or is a leaf): give a new room its layer here",
      from: {},
      to: { path: "^src/", pathNot: [room(...LAYERS.flatMap((l) => l.rooms)), LEAVES] },
    },
    {
      name: "leaves-import-nothing",
      severity: "error",
      comment: "errors.ts and credentials.ts are leaves: anyone imports them, they import no other module of src/",
      from: { path: LEAVES },
      to: { path: "^src/", pathNot: LEAVES },
    },
    ...layerRules,
    {
      name: "plan-is-pure",
      severity: "error",
      comment: "plan is a pure function of profiles, flags and duration rules: no files, network, keychain, STS, prompts or processes",
      from: { path: room("plan") },
      to: {
        path: [room("io", "store", "sts", "mfa", "federation", "engine", "app"), "^(node:)?(fs|fs/promises|net|http|https|tls|dgram|child_process|worker_threads)$"],
      },
    },
    {
      name: "plan-reads-no-config-files",
      severity: "error",
      comment: "plan takes loaded profiles: it may use config's types and lookups, never its file reader",
      from: { path: room("plan") },
      to: { path: "^src/config/load\\.ts$", dependencyTypesNot: ["type-only"] },
    },
    {
      name: "output-is-formatting",
      severity: "error",
      comment: "output formats what it is given: it never runs the engine or calls STS",
      from: { path: room("output") },
      to: { path: room("engine", "sts") },
    },
    {
      name: "sts-is-the-only-sdk-client",
      severity: "error",
      comment: "src/sts is the only user of @aws-sdk/client-sts",
      from: { pathNot: room("sts") },
      to: { path: "^node_modules/@aws-sdk/client-sts/" },
    },
    {
      name: "sdk-providers-only-for-source-credentials",
      severity: "error",
      comment: "the SDK's credential providers resolve a plan's first credentials, in src/engine/sourceCredentials.ts alone",
      from: { pathNot: "^src/engine/sourceCredentials\\.ts$" },
      to: { path: "^node_modules/@aws-sdk/credential-providers/" },
    },
    {
      name: "nothing-imports-entry",
      severity: "error",
      comment: "one entry per bundle (scripts/build.mjs); only entries hand over to each other",
      from: { pathNot: room("entry") },
      to: { path: room("entry") },
    },
    {
      name: "commands-only-from-entry-and-cli",
      severity: "error",
      comment: "a command module is loaded by the command table (src/cli) or an entry; the fast table is checked below",
      from: { pathNot: [room("entry", "cli", "commands"), "^src/hot/fastCommands\\.ts$"] },
      to: { path: room("commands") },
    },
    {
      name: "hot-skips-the-command-table",
      severity: "error",
      comment: "the cache-hit path loads no part of the command table, only the hot commands' own modules",
      from: { path: room("hot") },
      to: { path: room("cli", "commands"), pathNot: HOT_COMMAND_MODULES },
    },
    {
      name: "hot-loads-commands-lazily",
      severity: "error",
      comment: "the fast table imports a hot command only when it runs it (import()), so a cache hit never loads it",
      from: { path: room("hot") },
      to: { path: room("commands"), dependencyTypesNot: ["dynamic-import"] },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    exclude: { path: "^test/" },
    // Needed to see type-only imports (and to resolve `./x.js` to `./x.ts` as tsc does).
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
