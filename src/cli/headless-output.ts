/**
 * What a headless engine command prints, and where: plain lines on stdout; with --json the NDJSON
 * events on stdout and the plain lines on stderr (so `stp deploy --json > events.ndjson` still
 * shows a person what happens); under GitHub Actions (`GITHUB_ACTIONS=true`) the plain lines with
 * groups and annotations, and a Markdown summary appended to `$GITHUB_STEP_SUMMARY`.
 * Nothing here prompts or draws, and nothing loads Ink.
 */
import { appendFileSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { SourcePosition } from '../engine/diagnostics/diagnostic.js';
import type { EventSink } from '../engine/events.js';
import { discoverConfigFile } from '../engine/config/discover-config-file.js';
import { createGithubActionsRenderer } from '../ui/github/github-actions-renderer.js';
import { createStepSummary } from '../ui/github/step-summary.js';
import { createNdjsonSink, createPlainRenderer, type PlainRenderer } from '../ui/plain/deploy-lines.js';
import type { CommandContext } from './commands/command.js';

export interface HeadlessOutput {
  sinks: EventSink[];
  /** Resolves the position of config resources for annotations (reads the config file once, lazily). */
  prepare(): Promise<void>;
}

/** GitHub Actions sets GITHUB_ACTIONS=true in every step. */
export function inGithubActions(env: NodeJS.ProcessEnv): boolean {
  return env.GITHUB_ACTIONS === 'true';
}

/** Paths in annotations are relative to the checkout (GITHUB_WORKSPACE), with forward slashes. */
function workspaceRelative(env: NodeJS.ProcessEnv, cwd: string): (file: string) => string {
  const root = env.GITHUB_WORKSPACE || cwd;
  return (file) => {
    const relative = path.relative(root, path.resolve(cwd, file));
    return (relative.startsWith('..') || path.isAbsolute(relative) ? path.resolve(cwd, file) : relative).split(path.sep).join('/');
  };
}

/**
 * Where each config resource (`resources.<name>`) is defined, for annotations on its line. Read
 * from the config file stp deploys; a config that does not parse simply has no positions.
 */
async function resourceLocator(cmd: CommandContext, relative: (file: string) => string): Promise<(owner: string) => SourcePosition | undefined> {
  const found = discoverConfigFile({ cwd: cmd.cwd, ...(cmd.options.configPath ? { configPath: cmd.options.configPath } : {}) });
  if (!found.file) return () => undefined;
  const file = found.file;
  try {
    const { parseConfigYaml } = await import('../engine/config/yaml/parse-config-yaml.js');
    const parsed = await parseConfigYaml(readFileSync(file, 'utf8'), file);
    return (owner) => {
      if (!parsed.positions.has(['resources', owner])) return undefined;
      const position = parsed.positions.positionOf(['resources', owner], 'key');
      return position ? { ...position, file: relative(position.file) } : undefined;
    };
  } catch {
    // Positions are a nicety of the annotations; the deploy reports an unreadable config itself.
    return () => undefined;
  }
}

/** Seconds of silence while an operation is watched before a "still working" line (STP_CI_HEARTBEAT_S, 0: never). */
export function heartbeatQuietMs(env: NodeJS.ProcessEnv): number {
  const seconds = Number(env.STP_CI_HEARTBEAT_S ?? 60);
  return Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : 0;
}

export function createHeadlessOutput(cmd: CommandContext, options: { consoleLinks: boolean }): HeadlessOutput {
  const { io, env, options: global } = cmd;
  // With --json stdout carries only events; a person's lines go to stderr.
  const human = global.json ? (text: string) => io.err(text) : (text: string) => io.out(text);
  const write = (line: string) => human(`${line}\n`);
  const sinks: EventSink[] = [];
  if (global.json) sinks.push(createNdjsonSink((text) => io.out(text)));
  let locate: ((owner: string) => SourcePosition | undefined) | undefined;
  let lines: PlainRenderer;
  let prepare = async () => {};
  if (inGithubActions(env)) {
    const relativeFile = workspaceRelative(env, cmd.cwd);
    prepare = async () => {
      locate = await resourceLocator(cmd, relativeFile);
    };
    lines = createGithubActionsRenderer({ write, color: io.color, relativeFile, locate: (owner) => locate?.(owner) });
    sinks.push(lines);
    const summaryFile = env.GITHUB_STEP_SUMMARY;
    if (summaryFile) {
      const summary = createStepSummary(options);
      sinks.push(summary, {
        emit(event) {
          if (event.type !== 'result') return;
          try {
            appendFileSync(summaryFile, `${summary.markdown()}\n`);
          } catch (error) {
            io.err(`warning could not append the job summary to ${summaryFile}: ${(error as Error).message}\n`);
          }
        },
      });
    }
  } else {
    lines = createPlainRenderer({ write, color: io.color });
    sinks.push(lines);
  }
  const quietMs = heartbeatQuietMs(env);
  if (quietMs > 0) {
    const renderer = lines;
    const timer = setInterval(() => renderer.heartbeat(new Date(), quietMs), Math.min(quietMs, 5000));
    timer.unref();
    sinks.push({
      emit(event) {
        if (event.type === 'result') clearInterval(timer);
      },
    });
  }
  return { sinks, prepare };
}
