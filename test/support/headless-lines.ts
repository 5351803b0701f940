/**
 * Headless output as tests compare it: only what changes from run to run is normalised — the
 * clock (HH:MM:SS, ISO times), durations, the local cloud's port, generated names and ids — and a
 * deploy's output is split where concurrency makes the order of lines vary (resources created in
 * parallel, script lines arriving between stack events): the lines before the watch and after it
 * are compared in order, the watch block as a sorted list.
 */
export function normaliseLine(line: string): string {
  return line
    .replace(/^\d\d:\d\d:\d\d /, 'HH:MM:SS ')
    .replace(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z/g, 'ISO-TIME')
    .replace(/\b(in|after) \d+(\.\d)? (ms|s)\b/g, '$1 DURATION')
    .replace(/http:\/\/127\.0\.0\.1:\d+/g, 'http://127.0.0.1:PORT')
    .replace(/(notesbucket|archive)-[a-z0-9]{12}\b/gi, '$1-ID')
    .replace(/RequestId: [0-9a-f-]{36}/g, 'RequestId: ID')
    .replace(/file:\/\/\/\S+\/index\.mjs/g, 'file:///TASK/index.mjs');
}

/** Lines normalised; runs of package lines (assets are built and uploaded in parallel) sorted. */
export function normaliseLines(text: string): string[] {
  const lines = text.trimEnd().split('\n').map(normaliseLine);
  const out: string[] = [];
  for (let i = 0; i < lines.length; ) {
    if (!lines[i]!.startsWith('HH:MM:SS   code ')) {
      out.push(lines[i++]!);
      continue;
    }
    const run: string[] = [];
    while (i < lines.length && lines[i]!.startsWith('HH:MM:SS   code ')) run.push(lines[i++]!);
    out.push(...run.sort());
  }
  return out;
}

export interface DeployBlocks {
  /** Up to and including `▸ watch` (or everything, when the deploy never got there). */
  head: string[];
  /** Between `▸ watch` and the first line of the tail, sorted. */
  watch: string[];
  /** From the first cause (or the outputs, or the summary) to the end. */
  tail: string[];
}

export function deployBlocks(text: string, tailStarts: RegExp = /^HH:MM:SS (First cause:|Outputs:|Plan: |error |✓ |✗ )/): DeployBlocks {
  const lines = normaliseLines(text);
  const watchAt = lines.indexOf('HH:MM:SS ▸ watch');
  if (watchAt === -1) return { head: lines, watch: [], tail: [] };
  const rest = lines.slice(watchAt + 1);
  let tailAt = rest.findIndex((line) => tailStarts.test(line));
  if (tailAt === -1) tailAt = rest.length;
  // A script's own lines may still arrive after the first cause (its log drains on its own clock).
  const scriptLine = /^HH:MM:SS \S+ (│|▶ started|✓ finished|✗ failed)/;
  const tail = rest.slice(tailAt);
  return {
    head: lines.slice(0, watchAt + 1),
    watch: [...rest.slice(0, tailAt), ...tail.filter((l) => scriptLine.test(l))].sort(),
    tail: tail.filter((l) => !scriptLine.test(l)),
  };
}
