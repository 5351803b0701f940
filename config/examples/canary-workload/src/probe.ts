// Shared by both ECS lifecycle hook functions: probe a URL a few times and report the hook status
// ECS expects back from a Lambda lifecycle hook.

export type HookStatus = 'SUCCEEDED' | 'FAILED';

export async function probe(url: string, attempts = 5): Promise<HookStatus> {
  let healthy = 0;
  for (let i = 0; i < attempts; i++) {
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(5_000) });
      console.log(`GET ${url} -> ${response.status}`);
      if (response.ok) healthy++;
    } catch (error) {
      console.log(`GET ${url} -> ${(error as Error).message}`);
    }
  }
  // Tolerate one flaky request; more than that means the new version is not ready.
  return healthy >= attempts - 1 ? 'SUCCEEDED' : 'FAILED';
}
