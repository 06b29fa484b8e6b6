/**
 * The Ed25519 public key (PEM, SPKI) whose signatures the kiosk accepts on an update (see
 * main/boot/update-signature.ts). Null in the sources: each ministry or integrator makes its own key pair
 * with `npx tsx scripts/sign-release.ts keygen --out <folder>`, keeps the private key offline, and
 * pastes the public key here before building. While it is null, updates are downloaded but never
 * installed, and the log says why: an unsigned update is never installed.
 */
export const UPDATE_PUBLIC_KEY_PEM: string | null = null;
