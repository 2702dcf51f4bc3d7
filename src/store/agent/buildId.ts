declare const STSCTL_BUILD_ID: string | undefined;

/**
 * Names this build (a hash of its sources, set by scripts/build.mjs; "dev" when
 * running from src/). The key agent's socket carries it: an agent answers only
 * the stsctl build that started it, so an upgrade never talks to an old agent.
 */
export const BUILD_ID: string = typeof STSCTL_BUILD_ID === "string" ? STSCTL_BUILD_ID : "dev";
