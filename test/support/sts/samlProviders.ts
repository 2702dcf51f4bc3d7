// IAM SAML providers in the emulator's world, as CreateSAMLProvider makes them
// from IdP metadata: a name, the IdP's signing certificate(s) (several during a
// rotation) and, when the metadata names one, the IdP's entity id (Issuer).
import type { SamlProvider, World } from "./world.js";

declare module "./world.js" {
  interface SamlProvider {
    /** PEM certificates whose keys may sign responses. */
    certificates: string[];
    /** The metadata's entityID: responses must come from this Issuer when set. */
    issuer?: string;
  }
}

export function addSamlProvider(world: World, input: { name: string; certificate: string | string[]; issuer?: string; accountId?: string }): SamlProvider {
  const accountId = input.accountId ?? world.defaultAccountId;
  if (!/^[\w.-]{1,128}$/.test(input.name)) throw new Error(`STS emulator: bad SAML provider name ${input.name}`);
  const arn = `arn:aws:iam::${accountId}:saml-provider/${input.name}`;
  if (world.samlProviders.has(arn)) throw new Error(`STS emulator: SAML provider ${arn} already exists`);
  const certificates = Array.isArray(input.certificate) ? [...input.certificate] : [input.certificate];
  if (certificates.length === 0) throw new Error("STS emulator: a SAML provider needs a signing certificate");
  const provider: SamlProvider = { arn, name: input.name, accountId, certificates, ...(input.issuer ? { issuer: input.issuer } : {}) };
  world.samlProviders.set(arn, provider);
  return provider;
}
