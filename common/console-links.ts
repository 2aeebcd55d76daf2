/**
 * Addresses in the web console (web/), for links in mail: a person clicks through to the page, not
 * to raw API JSON. `base` is PUBLIC_URL, where the API serves the console.
 */
export function consoleClueList(base: string, campaignId: string, filter: string): string {
  return `${base}/clues?campaignId=${encodeURIComponent(campaignId)}${filter ? `&${filter}` : ''}`;
}

export function consoleClue(base: string, campaignId: string, clueNo: string): string {
  return `${base}/clues/${encodeURIComponent(campaignId)}/${encodeURIComponent(clueNo)}`;
}
