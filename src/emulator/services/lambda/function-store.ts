import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { StoredCode } from './code-package.js';

/** Everything the emulator keeps about one function ($LATEST only; versions and aliases are not modelled). */
export interface FunctionRecord {
  name: string;
  region: string;
  accountId: string;
  runtime?: string;
  handler?: string;
  role?: string;
  description?: string;
  memorySize: number;
  /** Seconds. */
  timeout: number;
  environment?: Record<string, string>;
  /** Set only when LoggingConfig.LogGroup names a custom group. */
  customLogGroup?: string;
  tags: Record<string, string>;
  code: StoredCode;
  lastModified: string;
  /** Changes on every create/update; warm environments of an older revision are retired. */
  revisionId: string;
  /**
   * Set while the function is `Pending` after CreateFunction: the wall-clock epoch ms at which it
   * becomes `Active` (read lazily, see LambdaFunctions). Absent: Active.
   */
  activeAt?: number;
}

/**
 * Where function records survive a restart. The emulator's state store can back this; until one is
 * wired in, a JSON file in the Lambda state directory (written atomically) does.
 */
export interface FunctionPersistence {
  load(): FunctionRecord[];
  save(records: FunctionRecord[]): void;
}

export function fileFunctionPersistence(file: string): FunctionPersistence {
  return {
    load() {
      if (!existsSync(file)) return [];
      const parsed = JSON.parse(readFileSync(file, 'utf8')) as { functions?: FunctionRecord[] };
      return parsed.functions ?? [];
    },
    save(records) {
      mkdirSync(path.dirname(file), { recursive: true });
      const temp = `${file}.tmp-${process.pid}`;
      writeFileSync(temp, `${JSON.stringify({ functions: records }, null, 2)}\n`);
      renameSync(temp, file);
    },
  };
}

export class FunctionStore {
  private readonly records = new Map<string, FunctionRecord>();

  constructor(private readonly persistence: FunctionPersistence) {
    for (const record of persistence.load()) this.records.set(record.name, record);
  }

  get(name: string): FunctionRecord | undefined {
    return this.records.get(name);
  }

  put(record: FunctionRecord): void {
    this.records.set(record.name, record);
    this.flush();
  }

  delete(name: string): boolean {
    const existed = this.records.delete(name);
    if (existed) this.flush();
    return existed;
  }

  /** Sorted by name, as ListFunctions pages are stable. */
  list(): FunctionRecord[] {
    return [...this.records.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }

  private flush(): void {
    this.persistence.save(this.list());
  }
}
