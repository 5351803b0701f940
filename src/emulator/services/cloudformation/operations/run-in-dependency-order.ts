/**
 * Runs one task per node, each as soon as everything it depends on has succeeded, independent
 * nodes in parallel (as CloudFormation does). After a failure no new task starts; running ones
 * finish (the caller aborts them through its own signal if it wants them cancelled).
 */
export async function runInDependencyOrder(
  nodes: readonly string[],
  dependencies: ReadonlyMap<string, ReadonlySet<string>>,
  task: (node: string) => Promise<boolean>,
  options: { stopOnFailure: boolean; onFirstFailure?: () => void },
): Promise<{ succeeded: string[]; failed: string[]; notStarted: string[] }> {
  const pending = new Set(nodes);
  const succeeded: string[] = [];
  const failed: string[] = [];
  const running = new Map<string, Promise<void>>();
  let stopped = false;
  const nodeSet = new Set(nodes);
  const done = new Set<string>();
  const ready = (node: string) => [...(dependencies.get(node) ?? [])].every((dep) => !nodeSet.has(dep) || done.has(dep));

  return new Promise((resolve) => {
    const pump = () => {
      if (!stopped) {
        for (const node of [...pending]) {
          if (!ready(node)) continue;
          pending.delete(node);
          const run = task(node)
            .catch(() => false)
            .then((ok) => {
              running.delete(node);
              if (ok) {
                succeeded.push(node);
                done.add(node);
              }
              else {
                failed.push(node);
                if (options.stopOnFailure && !stopped) {
                  stopped = true;
                  options.onFirstFailure?.();
                }
              }
              pump();
            });
          running.set(node, run);
        }
      }
      if (running.size === 0) resolve({ succeeded, failed, notStarted: [...pending] });
    };
    pump();
  });
}
