import { honouredGlobalFlags } from '../argv/check-command-usage.js';
import type { FlagSpec } from '../argv/flag-spec.js';
import type { CommandSpec } from '../commands/command.js';
import type { Style } from '../output/style.js';

function flagLabel(flag: FlagSpec): string {
  const long = `--${flag.name}${flag.type === 'string' ? ` ${flag.valueName ?? 'VALUE'}` : ''}`;
  return flag.alias ? `-${flag.alias}, ${long}` : `    ${long}`;
}

function table(rows: [string, string][], indent = 2): string {
  const width = Math.max(0, ...rows.map(([left]) => left.length));
  return rows.map(([left, right]) => `${' '.repeat(indent)}${left.padEnd(width)}  ${right}`).join('\n');
}

export function renderMainHelp(commands: readonly CommandSpec[], globalFlags: readonly FlagSpec[], style: Style, version: string): string {
  return [
    `${style.bold('stp')} ${version} — a terminal deploy console for AWS`,
    '',
    `${style.bold('Usage')}`,
    '  stp COMMAND [flags]',
    '  stp [flags]          at a terminal, in a folder with a stack config: its stages and what to do with them',
    '',
    `${style.bold('Commands')}`,
    table(commands.map((c) => [c.name, c.summary])),
    '',
    `${style.bold('Global flags')}`,
    table(globalFlags.map((f) => [flagLabel(f), f.description])),
    '',
    `Run ${style.cyan('stp COMMAND --help')} for a command's flags and examples. A command refuses (exit 2) a global`,
    'flag it does not act on and a positional argument it does not take (a config goes with --config).',
    '',
  ].join('\n');
}

export function renderCommandHelp(command: CommandSpec, globalFlags: readonly FlagSpec[], style: Style): string {
  const parts = [`${style.bold(`stp ${command.name}`)} — ${command.summary}`, '', style.bold('Usage'), `  ${command.usage}`];
  if (command.description) parts.push('', ...command.description.split('\n').map((l) => (l ? `  ${l}` : '')));
  if (command.flags.length > 0) {
    parts.push('', style.bold('Flags'), table(command.flags.map((f) => [flagLabel(f), f.description])));
  }
  // Only the global flags this command acts on: the others are refused (see check-command-usage).
  parts.push('', style.bold('Global flags'), table(honouredGlobalFlags(command, globalFlags).map((f) => [flagLabel(f), f.description])));
  if (command.examples.length > 0) {
    parts.push('', style.bold('Examples'));
    for (const example of command.examples) {
      parts.push(`  ${style.dim('#')} ${example.description}`, `  ${example.command}`, '');
    }
    parts.pop();
  }
  parts.push('');
  return parts.join('\n');
}
