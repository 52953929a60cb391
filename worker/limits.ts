/** The rate limiter's window, for Retry-After. Imports nothing (a Node test compares it with wrangler.toml). */

/** The period, in seconds, of the `[[ratelimits]]` binding RATE_LIMITER in wrangler.toml (a test checks they agree). */
export const RATE_LIMIT_PERIOD_S = 60;

/**
 * Retry-After for a 429 of the rate limiter: the seconds until its current window ends (1 … period).
 * The binding answers only `{ success }`, no reset time. It counts per key in windows of `period`
 * seconds; workerd's limiter (the one tests and `wrangler dev` run) starts them at multiples of the
 * period since the Unix epoch, and so does this computation. Cloudflare's edge does not document where
 * its windows start: if they start elsewhere, a client retrying after this may be refused once more
 * and is then told the (at most `period`) seconds to the next boundary — never asked to wait longer
 * than one period.
 */
export function retryAfter(nowMs: number, periodS = RATE_LIMIT_PERIOD_S): string {
  const windowMs = periodS * 1000;
  const leftMs = windowMs - (((nowMs % windowMs) + windowMs) % windowMs);
  return String(Math.min(periodS, Math.max(1, Math.ceil(leftMs / 1000))));
}
