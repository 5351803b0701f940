/**
 * `stp replay FILE`: plays a recorded session (`--record FILE`, or `--json` output saved to a file).
 * At a terminal it plays in the console with the recording's timing (pause, ×N, seek); headless
 * (--ci, piped, CI) it prints the stream through the plain-line renderer, the same lines the live
 * `--ci` run printed, so a recorded deploy reads in CI logs too. Nothing is sent to AWS. Exit 0
 * when the recording played (whatever the recorded deploy's outcome), 2 for a bad file or flags.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseRecording, type ParsedRecording } from '../../engine/replay/parse-recording.js';
import { ReplayPlayer } from '../../engine/replay/replay-player.js';
import { StpError } from '../../errors/stp-error.js';
import { createPlainRenderer } from '../../ui/plain/deploy-lines.js';
import { UsageError } from '../argv/parse-argv.js';
import { EXIT_OK, type CommandContext } from './command.js';

/** --speed / --instant → a multiplier (Infinity: instantly); undefined when neither is given. */
export function replaySpeed(flags: CommandContext['flags']): number | undefined {
  const speed = flags.speed;
  if (flags.instant === true) {
    if (speed !== undefined) throw new UsageError('--speed and --instant contradict each other', 'give one of them');
    return Infinity;
  }
  if (speed === undefined) return undefined;
  const value = Number(speed);
  if (typeof speed !== 'string' || !/^\d+(\.\d+)?$/.test(speed.trim()) || !(value > 0)) {
    throw new UsageError(`--speed takes a positive number (a multiplier of real time), got "${String(speed)}"`, 'e.g. --speed 4 plays four times as fast, --speed 0.5 at half speed');
  }
  return value;
}

export async function readRecordingFile(cwd: string, file: string): Promise<ParsedRecording> {
  let text: string;
  try {
    text = await readFile(path.resolve(cwd, file), 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new StpError('usage', `Cannot read the recording ${file}: ${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a folder' : (error as Error).message}.`, {
      code: 'STP_REPLAY_FILE_UNREADABLE',
      fix: 'Record a session with `stp deploy --record FILE` (or save `stp deploy --json` to a file), then replay that file.',
      resource: file,
      cause: error,
    });
  }
  return parseRecording(text, file);
}

export async function run(cmd: CommandContext): Promise<number> {
  const { io, options, positionals } = cmd;
  const file = positionals[0];
  if (file === undefined) throw new UsageError('stp replay takes the recording to play, e.g. "stp replay deploy.ndjson"', 'record one with stp deploy --record deploy.ndjson');
  const speed = replaySpeed(cmd.flags);
  const recording = await readRecordingFile(cmd.cwd, file);
  if (!options.ci && io.stdinIsTTY && io.stdoutIsTTY) {
    // Ink is loaded only here, at a terminal; chalk reads FORCE_COLOR when Ink first loads.
    if (!io.color) process.env.FORCE_COLOR = '0';
    const { playInConsole } = await import('../../ui/replay/play-in-console.js');
    return playInConsole(recording, { speed: speed ?? 1, file });
  }
  const player = new ReplayPlayer(recording, {
    speed: speed ?? Infinity,
    sinks: [createPlainRenderer({ write: (line) => io.out(`${line}\n`), color: io.color })],
  });
  // A closed output pipe (`stp replay f --speed 1 | head`) stops the playback.
  const stopped = new Promise<void>((resolve) => cmd.stopSignal?.addEventListener('abort', () => resolve(), { once: true }));
  player.play();
  await Promise.race([player.whenEnded(), stopped]);
  player.dispose();
  return EXIT_OK;
}
