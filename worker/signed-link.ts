/**
 * Short-lived signed links (issue 14): a URL that lets a browser GET one resource for a few minutes
 * without an API key — the add-in opens the letter in the system browser, which cannot send a key, and a
 * key must never appear in a URL. The signature is HMAC-SHA-256 (WebCrypto) under the Worker's secret
 * LINK_SIGNING_SECRET over the method, the path, every query parameter but `sig` (sorted; `expires`
 * among them) and the expiry, so changing the province, the period, the revision, the letter's number
 * or date, or the expiry breaks it. Compared in constant time. No I/O but the crypto.
 */
import { LETTER_LINK_TTL_SECONDS } from "../shared/api-schema";

/** A secret shorter than this is treated as none (a guessable key would make links forgeable). */
export const MIN_SECRET_CHARS = 32;

export type LinkCheck = "ok" | "expired" | "invalid";

const encoder = new TextEncoder();
const keys = new Map<string, Promise<CryptoKey>>();

function hmacKey(secret: string): Promise<CryptoKey> {
  let key = keys.get(secret);
  if (!key) {
    key = crypto.subtle.importKey("raw", encoder.encode(secret), { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
    keys.set(secret, key);
  }
  return key;
}

/** The usable secret, or null when it is missing or too short. */
export function linkSecret(value: string | undefined): string | null {
  return value && value.length >= MIN_SECRET_CHARS ? value : null;
}

const enc = (s: string) => encodeURIComponent(s);

/** Every parameter but `sig`, encoded and sorted (key, then value): the same text whatever order they came in. */
function canonicalQuery(params: readonly (readonly [string, string])[]): string {
  return params
    .filter(([k]) => k !== "sig")
    .map(([k, v]) => `${enc(k)}=${enc(v)}`)
    .sort()
    .join("&");
}

/** What is signed: method, path, the canonical query, the expiry — one per line. */
function message(method: string, path: string, params: readonly (readonly [string, string])[], expires: number): string {
  return `${method.toUpperCase()}\n${path}\n${canonicalQuery(params)}\n${expires}`;
}

function base64url(bytes: Uint8Array): string {
  let bin = "";
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

async function hmac(secret: string, text: string): Promise<Uint8Array> {
  return new Uint8Array(await crypto.subtle.sign("HMAC", await hmacKey(secret), encoder.encode(text)));
}

/** Equal bytes, in time that depends on the length only (the length of an HMAC is no secret). */
export function constantTimeEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= (a[i] as number) ^ (b[i] as number);
  return diff === 0;
}

/**
 * A signed link to GET `path` with `params`, valid LETTER_LINK_TTL_SECONDS from `nowMs`: the query string
 * to append (`params`, then `expires` and `sig`) and the expiry.
 */
export async function signLink(secret: string, path: string, params: readonly (readonly [string, string])[], nowMs: number): Promise<{ query: string; expiresAt: Date }> {
  const expires = Math.floor(nowMs / 1000) + LETTER_LINK_TTL_SECONDS;
  const all: [string, string][] = [...params.map(([k, v]): [string, string] => [k, v]), ["expires", String(expires)]];
  const sig = base64url(await hmac(secret, message("GET", path, all, expires)));
  const query = [...all, ["sig", sig] as const].map(([k, v]) => `${enc(k)}=${enc(v)}`).join("&");
  return { query, expiresAt: new Date(expires * 1000) };
}

/** Whether the URL carries a link signature at all (then it is judged by it, not by a key). */
export function isSignedLink(url: URL): boolean {
  return url.searchParams.has("sig") || url.searchParams.has("expires");
}

/**
 * A request's link signature: "ok", "expired" (signed by us, past its expiry — or claiming to last longer
 * than a link can), or "invalid" (no secret here, a missing or repeated `sig`/`expires`, or any byte of
 * the method, path or query changed). HEAD is judged as the GET it stands for.
 */
export async function checkLink(secret: string | null, method: string, url: URL, nowMs: number): Promise<LinkCheck> {
  const sigs = url.searchParams.getAll("sig");
  const expiries = url.searchParams.getAll("expires");
  if (!secret || sigs.length !== 1 || expiries.length !== 1) return "invalid";
  const expires = Number(expiries[0]);
  if (!/^\d{1,12}$/.test(expiries[0] ?? "")) return "invalid";
  const verb = method.toUpperCase() === "HEAD" ? "GET" : method;
  const expected = base64url(await hmac(secret, message(verb, url.pathname, [...url.searchParams], expires)));
  // The texts, not decoded bytes: base64's last character carries spare bits, so several texts decode to
  // the same bytes — only the one this Worker wrote is accepted.
  if (!constantTimeEqual(encoder.encode(sigs[0] ?? ""), encoder.encode(expected))) return "invalid";
  const now = Math.floor(nowMs / 1000);
  return now <= expires && expires - now <= LETTER_LINK_TTL_SECONDS ? "ok" : "expired";
}
