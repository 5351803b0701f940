// after:deploy deployment script: calls each path of the freshly deployed API and fails the deploy
// (which rolls it back) if any of them does not answer 2xx.

interface SmokeTestParameters {
  apiUrl: string;
  paths: string[];
}

export default async (parameters: SmokeTestParameters) => {
  const base = parameters.apiUrl.replace(/\/$/, '');
  // Only the host is logged: the connection string holds the database password.
  const database = process.env.DATABASE_URL ? new URL(process.env.DATABASE_URL).host : 'not configured';
  console.log(`smoke-testing ${base} (stage ${process.env.STAGE}, database ${database})`);

  const failures: string[] = [];
  for (const path of parameters.paths) {
    const started = Date.now();
    try {
      const response = await fetch(`${base}${path}`, { signal: AbortSignal.timeout(10_000) });
      console.log(`GET ${path} -> ${response.status} in ${Date.now() - started} ms`);
      if (!response.ok) failures.push(`${path}: HTTP ${response.status}`);
    } catch (error) {
      console.log(`GET ${path} -> ${(error as Error).message}`);
      failures.push(`${path}: ${(error as Error).message}`);
    }
  }
  if (failures.length > 0) {
    throw new Error(`smoke test failed for ${failures.length} path(s): ${failures.join('; ')}`);
  }
  return { checked: parameters.paths.length };
};
