/**
 * Where a secret value comes from: a file (--file), standard input when it is not a terminal, or
 * a prompt on the terminal with echo off. Never the command line, which shells keep in history.
 */
import { readFile } from 'node:fs/promises';
import { StpError } from '../../errors/stp-error.js';

/** The parts of process.stdin the prompt uses (injectable for tests). */
export interface SecretStdin extends NodeJS.ReadableStream {
  isTTY?: boolean;
  setRawMode?(mode: boolean): unknown;
}

export interface SecretInputOptions {
  file?: string;
  stdin: SecretStdin;
  /** Where the prompt is written (stderr: stdout stays for data). */
  prompt(text: string): void;
  /** Headless runs never prompt. */
  ci: boolean;
  name: string;
}

export async function readSecretValue(options: SecretInputOptions): Promise<string> {
  let value: string;
  if (options.file !== undefined) {
    try {
      value = await readFile(options.file, 'utf8');
    } catch (error) {
      throw new StpError('environment', `Cannot read the secret value from ${options.file}: ${(error as Error).message}`, {
        code: 'STP_SECRET_FILE_UNREADABLE',
        resource: options.file,
        fix: 'Check the path and its permissions.',
        cause: error,
      });
    }
  } else if (!options.stdin.isTTY) {
    value = await readAll(options.stdin);
  } else if (options.ci) {
    throw new StpError('usage', `No value for secret ${options.name}: stp does not prompt in --ci mode.`, {
      code: 'STP_SECRET_NO_VALUE',
      resource: options.name,
      fix: 'Give it with --file FILE or on standard input (e.g. from your CI secret store).',
    });
  } else {
    value = await promptHidden(options.stdin, options.prompt, `Value for secret ${options.name} (input hidden, Enter to finish): `);
  }
  // A file or `echo` ends with one newline that is not part of the value.
  value = value.replace(/\r?\n$/, '');
  if (value === '') {
    throw new StpError('usage', `The value for secret ${options.name} is empty.`, {
      code: 'STP_SECRET_EMPTY',
      resource: options.name,
      fix: 'Give a non-empty value (Secrets Manager stores no empty secrets).',
    });
  }
  return value;
}

async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  return Buffer.concat(chunks).toString('utf8');
}

/** Reads one line from a terminal in raw mode, echoing nothing; Ctrl+C aborts (exit 130). */
export function promptHidden(stdin: SecretStdin, write: (text: string) => void, question: string): Promise<string> {
  write(question);
  stdin.setRawMode?.(true);
  stdin.resume();
  return new Promise((resolve, reject) => {
    let typed = '';
    const finish = (outcome: () => void) => {
      stdin.off('data', onData);
      stdin.setRawMode?.(false);
      stdin.pause();
      write('\n');
      outcome();
    };
    const onData = (chunk: Buffer | string) => {
      for (const char of chunk.toString()) {
        if (char === '\r' || char === '\n' || char === '\u0004') return finish(() => resolve(typed));
        if (char === '\u0003') {
          return finish(() => reject(new StpError('usage', 'Interrupted: no secret was stored.', { code: 'STP_INTERRUPTED', exitCode: 130 })));
        }
        if (char === '\u007f' || char === '\b') typed = [...typed].slice(0, -1).join('');
        else typed += char;
      }
    };
    stdin.on('data', onData);
  });
}
