/**
 * Circular dependencies between resources, which CloudFormation rejects ("Circular dependency
 * between resources: [...]"). Each cycle is returned as a closed walk, e.g. [A, B, A], so the
 * message can show the chain, not just the set.
 */
export function findDependencyCycles(edges: ReadonlyMap<string, ReadonlySet<string>>): string[][] {
  // Tarjan's strongly connected components, iteratively so deep graphs cannot overflow the stack.
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const components: string[][] = [];
  let counter = 0;
  const frames: { node: string; next: string[]; at: number }[] = [];
  const visit = (node: string) => {
    index.set(node, counter);
    low.set(node, counter);
    counter++;
    stack.push(node);
    onStack.add(node);
    const next = edges.get(node);
    frames.push({ node, next: next && next.size > 0 ? [...next].sort() : [], at: 0 });
  };

  for (const root of [...edges.keys()].sort()) {
    if (index.has(root)) continue;
    visit(root);
    while (frames.length > 0) {
      const frame = frames[frames.length - 1]!;
      if (frame.at < frame.next.length) {
        const target = frame.next[frame.at++]!;
        if (!edges.has(target)) continue;
        if (!index.has(target)) visit(target);
        else if (onStack.has(target)) low.set(frame.node, Math.min(low.get(frame.node)!, index.get(target)!));
        continue;
      }
      frames.pop();
      const parent = frames[frames.length - 1];
      if (parent) low.set(parent.node, Math.min(low.get(parent.node)!, low.get(frame.node)!));
      if (low.get(frame.node) === index.get(frame.node)) {
        const component: string[] = [];
        let member: string;
        do {
          member = stack.pop()!;
          onStack.delete(member);
          component.push(member);
        } while (member !== frame.node);
        const selfLoop = component.length === 1 && (edges.get(frame.node)?.has(frame.node) ?? false);
        if (component.length > 1 || selfLoop) components.push(component);
      }
    }
  }

  return components
    .map((component) => cycleWithin(new Set(component), edges))
    .sort((a, b) => (a[0]! < b[0]! ? -1 : 1));
}

/** A shortest cycle through the component's smallest node (breadth-first back to itself). */
function cycleWithin(members: Set<string>, edges: ReadonlyMap<string, ReadonlySet<string>>): string[] {
  const start = [...members].sort()[0]!;
  const previous = new Map<string, string>();
  const queue = [start];
  while (queue.length > 0) {
    const node = queue.shift()!;
    for (const next of [...(edges.get(node) ?? [])].sort()) {
      if (!members.has(next)) continue;
      if (next === start) {
        const chain: string[] = [];
        for (let at = node; at !== start; at = previous.get(at)!) chain.push(at);
        return [start, ...chain.reverse(), start];
      }
      if (!previous.has(next)) {
        previous.set(next, node);
        queue.push(next);
      }
    }
  }
  return [start, start];
}
