import type { Session } from "../credentials.js";
import { open, seal } from "./aead.js";

// On-disk form of one cached session: the metadata in clear (so listing needs
// neither the key nor decryption) and the session sealed with AES-256-GCM, the
// metadata bound as AAD so that editing it breaks the tag.

export interface EntryMeta {
  key: string;
  profile: string;
  step: string;
  expiration: Date;
  storedAt: Date;
}

interface FileForm {
  v: 1;
  meta: { key: string; profile: string; step: string; expiration: string; storedAt: string };
  iv: string;
  tag: string;
  ct: string;
}

interface SecretForm {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
  expiration: string;
  arn?: string;
  packedPolicySize?: number;
  sourceIdentity?: string;
}

// Rebuilt from the parsed fields (never the raw bytes) so any change to them changes the AAD.
function aadOf(m: FileForm["meta"]): Buffer {
  return Buffer.from(JSON.stringify(["stsctl-session", 1, m.key, m.profile, m.step, m.expiration, m.storedAt]));
}

export function encodeEntry(dataKey: Buffer, meta: EntryMeta, session: Session): string {
  const m = {
    key: meta.key,
    profile: meta.profile,
    step: meta.step,
    expiration: meta.expiration.toISOString(),
    storedAt: meta.storedAt.toISOString(),
  };
  const c = session.credentials;
  const secret: SecretForm = {
    accessKeyId: c.accessKeyId,
    secretAccessKey: c.secretAccessKey,
    sessionToken: c.sessionToken,
    expiration: c.expiration.toISOString(),
    arn: session.arn,
    packedPolicySize: session.packedPolicySize,
    sourceIdentity: session.sourceIdentity,
  };
  const sealed = seal(dataKey, Buffer.from(JSON.stringify(secret)), aadOf(m));
  const file: FileForm = { v: 1, meta: m, ...sealed };
  return JSON.stringify(file) + "\n";
}

/** The clear metadata, or null if the text is not a well-formed entry. */
export function decodeMeta(text: string): EntryMeta | null {
  const f = parse(text);
  if (!f) return null;
  return {
    key: f.meta.key,
    profile: f.meta.profile,
    step: f.meta.step,
    expiration: new Date(f.meta.expiration),
    storedAt: new Date(f.meta.storedAt),
  };
}

/** Metadata and session, or null for anything corrupt, truncated, tampered or sealed under another key. */
export function decodeEntry(dataKey: Buffer, text: string): { meta: EntryMeta; session: Session } | null {
  const f = parse(text);
  if (!f) return null;
  const plain = open(dataKey, f, aadOf(f.meta));
  if (!plain) return null;
  let s: Partial<SecretForm>;
  try {
    s = JSON.parse(plain.toString("utf8")) as Partial<SecretForm>;
  } catch {
    return null;
  }
  const expiration = isoDate(s.expiration);
  if (typeof s.accessKeyId !== "string" || typeof s.secretAccessKey !== "string" || typeof s.sessionToken !== "string" || !expiration) {
    return null;
  }
  const session: Session = {
    credentials: { accessKeyId: s.accessKeyId, secretAccessKey: s.secretAccessKey, sessionToken: s.sessionToken, expiration },
  };
  if (typeof s.arn === "string") session.arn = s.arn;
  if (typeof s.packedPolicySize === "number") session.packedPolicySize = s.packedPolicySize;
  if (typeof s.sourceIdentity === "string") session.sourceIdentity = s.sourceIdentity;
  const meta = decodeMeta(text);
  return meta ? { meta, session } : null;
}

function parse(text: string): FileForm | null {
  let f: Partial<FileForm>;
  try {
    f = JSON.parse(text) as Partial<FileForm>;
  } catch {
    return null;
  }
  const m = f?.meta;
  if (f?.v !== 1 || typeof m !== "object" || m === null) return null;
  const strings = [m.key, m.profile, m.step, m.expiration, m.storedAt].every((x) => typeof x === "string");
  if (!strings || !isoDate(m.expiration) || !isoDate(m.storedAt)) return null;
  return f as FileForm;
}

function isoDate(value: unknown): Date | null {
  if (typeof value !== "string") return null;
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? null : d;
}
