import { createHash, createPublicKey, verify } from 'node:crypto';
import { createReadStream } from 'node:fs';

/**
 * A release is signed with Ed25519 over the SHA-512 digest of its file (scripts/sign-release.ts
 * writes `<file>.sig`, the signature in base64, beside the file on the update server). The kiosk
 * installs a downloaded update only if that signature checks against the public key built into
 * the app (update-public-key.ts): a compromised update server, or one reached through a hostile
 * network, can then serve nothing the kiosk installs, even with a matching latest-linux.yml.
 */

/** The SHA-512 digest of a file, read as a stream: an AppImage is over 100 MB. */
export async function sha512OfFile(file: string): Promise<Buffer> {
  const hash = createHash('sha512');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest();
}

/** Whether `signatureBase64` is the Ed25519 signature of `digest` by the key's owner. */
export function signatureMatches(digest: Buffer, signatureBase64: string, publicKeyPem: string): boolean {
  const signature = Buffer.from(signatureBase64.trim(), 'base64');
  // An Ed25519 signature is 64 bytes; anything else is no signature (and base64 decoding skips junk).
  if (signature.length !== 64) return false;
  try {
    const key = createPublicKey(publicKeyPem);
    if (key.asymmetricKeyType !== 'ed25519') return false;
    return verify(null, digest, key, signature);
  } catch {
    return false;
  }
}

/** Where a release file's signature lives: beside it, named `<file>.sig`. */
export const signatureUrlOf = (feedUrl: string, fileName: string): string =>
  new URL(`${encodeURIComponent(fileName)}.sig`, feedUrl.endsWith('/') ? feedUrl : `${feedUrl}/`).href;
