/** Polls every 100 ms until `what` holds; fails with `label` after `tries` polls. */
export async function waitFor(what: () => Promise<boolean>, label: string, tries: number): Promise<void> {
  for (let i = 0; i < tries; i++) {
    if (await what()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${label}`);
}
