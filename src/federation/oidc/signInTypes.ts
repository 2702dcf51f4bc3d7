import type { TokenEndpointResponse, TokenEndpointResponseHelpers } from "openid-client";

export type TokenSet = TokenEndpointResponse & TokenEndpointResponseHelpers;

/** How a sign-in talks to the person and the machine. */
export interface SignInIo {
  /** Tells the user something (a URL to visit, a code to enter): stderr, or the terminal. */
  say(message: string): void;
  /** Opens a URL in a browser; false when none could be started. */
  openBrowser(url: string): Promise<boolean>;
  /** How long to wait for the person. */
  timeoutMs: number;
}
