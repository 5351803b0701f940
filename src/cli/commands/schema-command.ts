import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { stackConfigJsonSchemaText } from '../../engine/config/schema/json-schema.js';
import { EXIT_OK, type CommandContext } from './command.js';

export async function run(ctx: CommandContext): Promise<number> {
  const text = stackConfigJsonSchemaText();
  const out = typeof ctx.flags.out === 'string' ? path.resolve(ctx.cwd, ctx.flags.out) : undefined;
  if (out) {
    await writeFile(out, text.endsWith('\n') ? text : `${text}\n`);
    ctx.io.err(`wrote the stacktape.yml JSON Schema to ${path.relative(ctx.cwd, out) || out}\n`);
  } else {
    ctx.io.out(text.endsWith('\n') ? text : `${text}\n`);
  }
  return EXIT_OK;
}
