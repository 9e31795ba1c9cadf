/**
 * The URL an article is known and cited by: fragment and tracking parameters dropped, host lower-cased,
 * the remaining query kept in its order (gov.kz's ?lang=ru chooses the language and stays).
 */

const TRACKING = /^(utm_\w+|fbclid|gclid|yclid|dclid|msclkid|mc_cid|mc_eid|_ga|_gl|igshid|ref|ref_src|from|share)$/i;

export function canonicalUrl(url: string, base?: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url, base);
  } catch {
    return null;
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return null;
  parsed.hash = '';
  for (const key of [...parsed.searchParams.keys()]) if (TRACKING.test(key)) parsed.searchParams.delete(key);
  parsed.hostname = parsed.hostname.toLowerCase();
  // An empty query leaves a bare "?" in some inputs.
  return parsed.href.replace(/\?$/, '');
}
