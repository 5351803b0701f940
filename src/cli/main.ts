import { didYouMean } from '../engine/diagnostics/did-you-mean.js';
import { checkCommandUsage } from './argv/check-command-usage.js';
import { findCommandWord } from './argv/command-word.js';
import { GLOBAL_FLAGS } from './argv/flag-spec.js';
import { parseArgv, UsageError } from './argv/parse-argv.js';
import { COMMANDS } from './commands/registry.js';
import { EXIT_USAGE, type CommandSpec, type GlobalOptions } from './commands/command.js';
import { renderCommandHelp, renderMainHelp } from './help/render-help.js';
import { createStyle } from './output/style.js';
import { colorEnabled, type TerminalIo } from './output/terminal-io.js';
import { STP_VERSION } from './version.js';

export interface MainDeps {
  argv: readonly string[];
  env: NodeJS.ProcessEnv;
  cwd: string;
  /** Builds the terminal IO once the colour decision is known. */
  makeIo(color: boolean): TerminalIo;
  stdoutIsTTY: boolean;
  /** Aborted when the process is asked to stop (a closed output pipe); long-running commands shut down cleanly. */
  stopSignal?: AbortSignal;
}

function defaultRegion(env: NodeJS.ProcessEnv): string {
  return env.AWS_REGION || env.AWS_DEFAULT_REGION || 'us-east-1';
}

function globalOptions(flags: Record<string, string | boolean | undefined>, env: NodeJS.ProcessEnv, io: TerminalIo): GlobalOptions {
  const str = (name: string) => (typeof flags[name] === 'string' ? (flags[name] as string) : undefined);
  return {
    configPath: str('config'),
    stage: str('stage') ?? env.STP_STAGE ?? 'dev',
    region: str('region') ?? defaultRegion(env),
    regionExplicit: str('region') !== undefined || Boolean(env.AWS_REGION || env.AWS_DEFAULT_REGION),
    profile: str('profile') ?? (env.AWS_PROFILE || undefined),
    // Headless whenever a pipeline or a non-terminal is on the other end (CI systems may fake a TTY).
    ci: flags.ci === true || Boolean(env.CI && env.CI !== 'false' && env.CI !== '0') || !io.stdoutIsTTY || !io.stdinIsTTY,
    json: flags.json === true,
    local: flags.local === true,
    localState: str('local-state'),
    endpointUrl: str('endpoint-url') ?? env.AWS_ENDPOINT_URL,
    debug: flags.debug === true,
  };
}

/** Runs one `stp` invocation and returns its exit code. Never throws for user mistakes. */
export async function main(deps: MainDeps): Promise<number> {
  const { argv, env } = deps;
  // The colour decision needs --no-color before full parsing; it is a plain boolean flag.
  const noColorFlag = argv.includes('--no-color');
  const io = deps.makeIo(colorEnabled(env, noColorFlag, deps.stdoutIsTTY));
  const style = createStyle(io.color);

  // Global flags may come before the command (`stp --config x.yml validate`): skip their values.
  const commandIndex = findCommandWord(argv, GLOBAL_FLAGS);
  const commandName = commandIndex === -1 ? undefined : argv[commandIndex];
  let command: CommandSpec | undefined;
  if (commandName !== undefined) {
    command = COMMANDS.find((c) => c.name === commandName);
    if (!command) {
      const suggestion = didYouMean(commandName, COMMANDS.map((c) => c.name));
      io.err(`${style.red('error')} unknown command "${commandName}"\n`);
      if (suggestion) io.err(`${style.yellow('hint')}  did you mean "stp ${suggestion}"?\n`);
      io.err(`Run "stp --help" for the list of commands.\n`);
      return EXIT_USAGE;
    }
  }

  const rest = command ? [...argv.slice(0, commandIndex), ...argv.slice(commandIndex + 1)] : [...argv];
  let parsed;
  try {
    parsed = parseArgv(rest, [...GLOBAL_FLAGS, ...(command?.flags ?? [])]);
    if (command && !parsed.flags.help && !parsed.flags.version) checkCommandUsage(command, parsed);
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`${style.red('error')} ${error.message}\n`);
      if (error.hint) io.err(`${style.yellow('hint')}  ${error.hint}\n`);
      io.err(`Run "stp ${command ? `${command.name} ` : ''}--help" for the flags.\n`);
      return EXIT_USAGE;
    }
    throw error;
  }

  if (parsed.flags.version) {
    io.out(`${STP_VERSION}\n`);
    return 0;
  }
  // `stp` alone at a terminal, in a folder with a stack config: the home screen (its stages and
  // actions); the chosen action runs as if typed. Headless, or without a config: the help.
  let homeNote: string | undefined;
  if (!command && !parsed.flags.help && parsed.positionals.length === 0) {
    const options = globalOptions(parsed.flags, env, io);
    if (!options.ci && !options.json) {
      const { runHome } = await import('./home/run-home.js');
      let home;
      try {
        home = await runHome({ options, flags: parsed.flags, positionals: [], io, cwd: deps.cwd, env, stopSignal: deps.stopSignal ?? new AbortController().signal }, argv);
      } catch (error) {
        const [{ toStpError }, { formatStpError }] = await Promise.all([import('../errors/classify-error.js'), import('./output/report-error.js')]);
        const stpError = toStpError(error, {});
        io.err(formatStpError(stpError, { command: 'stp', debug: options.debug, style }));
        return stpError.exitCode;
      }
      if (home.kind === 'quit') return 0;
      if (home.kind === 'run') return main({ ...deps, argv: home.argv });
      homeNote = home.note;
    }
  }
  if (!command || parsed.flags.help) {
    if (homeNote) io.err(`${style.yellow('note')}  ${homeNote}\n`);
    io.out(command ? renderCommandHelp(command, GLOBAL_FLAGS, style) : renderMainHelp(COMMANDS, GLOBAL_FLAGS, style, STP_VERSION));
    return command || parsed.flags.help ? 0 : EXIT_USAGE;
  }

  const options = globalOptions(parsed.flags, env, io);
  if (options.localState !== undefined && !options.local && command.name !== 'local') {
    io.err(`${style.red('error')} --local-state only applies with --local or to stp local\n`);
    io.err(`${style.yellow('hint')}  add --local, or leave --local-state out\n`);
    return EXIT_USAGE;
  }
  try {
    const module = await command.load();
    const stopSignal = deps.stopSignal ?? new AbortController().signal;
    return await module.run({ options, flags: parsed.flags, positionals: parsed.positionals, io, cwd: deps.cwd, env, stopSignal });
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`${style.red('error')} ${error.message}\n`);
      if (error.hint) io.err(`${style.yellow('hint')}  ${error.hint}\n`);
      return EXIT_USAGE;
    }
    // The one place a failure becomes words and an exit code; only a bug asks to be reported.
    // Loaded on the failure path only, so a successful run never parses them.
    const [{ toStpError }, { formatStpError }] = await Promise.all([import('../errors/classify-error.js'), import('./output/report-error.js')]);
    const stpError = toStpError(error, {
      ...(options.profile !== undefined ? { profile: options.profile } : {}),
      ...(options.endpointUrl !== undefined && !options.local
        ? { endpoint: options.endpointUrl, endpointSource: env.AWS_ENDPOINT_URL === options.endpointUrl ? 'AWS_ENDPOINT_URL' : '--endpoint-url' }
        : {}),
    });
    io.err(formatStpError(stpError, { command: command.name, debug: options.debug, style }));
    return stpError.exitCode;
  }
}
