import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { findLocalCloudHome, projectFolder } from '../../src/cli/local-cloud/local-cloud-home.js';

const scratch = mkdtempSync(path.join(tmpdir(), 'stp-home-rule-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** A repository: root/.git, root/services/app/stacktape.yml, nothing else yet. */
function tree(): { root: string; app: string } {
  const root = mkdtempSync(path.join(scratch, 'root-'));
  const app = path.join(root, 'services', 'app');
  mkdirSync(app, { recursive: true });
  mkdirSync(path.join(root, '.git'));
  writeFileSync(path.join(app, 'stacktape.yml'), 'serviceName: app\n');
  return { root, app };
}

describe('where the local cloud state lives', () => {
  it('the project folder is the config\'s folder (file or folder given), else the current directory', () => {
    const { root, app } = tree();
    expect(projectFolder({ cwd: root, configPath: 'services/app/stacktape.yml' })).toBe(app);
    expect(projectFolder({ cwd: root, configPath: 'services/app' })).toBe(app);
    expect(projectFolder({ cwd: app })).toBe(app);
  });

  it('with no local state anywhere above: <project>/.stp/local', () => {
    const { root, app } = tree();
    expect(findLocalCloudHome({ cwd: root, configPath: 'services/app', env: {} })).toEqual({
      stateDir: path.join(app, '.stp', 'local'),
      servesBelow: app,
      reason: 'the project folder',
    });
  });

  it('the nearest folder up to the repository root that already has local state', () => {
    const { root, app } = tree();
    mkdirSync(path.join(root, '.stp', 'local'), { recursive: true });
    expect(findLocalCloudHome({ cwd: root, configPath: 'services/app/stacktape.yml', env: {} })).toEqual({
      stateDir: path.join(root, '.stp', 'local'),
      servesBelow: root,
      reason: 'the nearest folder above with local state',
    });
    // The same answer from the project's own folder without --config.
    expect(findLocalCloudHome({ cwd: app, env: {} }).stateDir).toBe(path.join(root, '.stp', 'local'));
  });

  it('outside a repository, only the project folder: state above it is not looked for', () => {
    const { root, app } = tree();
    rmSync(path.join(root, '.git'), { recursive: true });
    mkdirSync(path.join(root, '.stp', 'local'), { recursive: true });
    expect(findLocalCloudHome({ cwd: app, env: {} }).stateDir).toBe(path.join(app, '.stp', 'local'));
  });

  it('a running `stp local` above wins over stale state nearer the config', () => {
    const { root, app } = tree();
    mkdirSync(path.join(app, '.stp', 'local'), { recursive: true });
    mkdirSync(path.join(root, '.stp', 'local'), { recursive: true });
    // A live holder (this process) that advertises an endpoint, as `stp local` does.
    writeFileSync(path.join(root, '.stp', 'local', 'lock'), JSON.stringify({ pid: process.pid, startedAt: 'now', command: 'stp local', endpoint: 'http://127.0.0.1:4566' }));
    expect(findLocalCloudHome({ cwd: app, env: {} })).toEqual({
      stateDir: path.join(root, '.stp', 'local'),
      servesBelow: root,
      reason: `served by \`stp local\` (pid ${process.pid})`,
      server: { endpoint: 'http://127.0.0.1:4566', pid: process.pid },
    });
  });

  it('an in-process cloud of another command is never a server to adopt', () => {
    const { root, app } = tree();
    mkdirSync(path.join(root, '.stp', 'local'), { recursive: true });
    writeFileSync(path.join(root, '.stp', 'local', 'lock'), JSON.stringify({ pid: process.pid, startedAt: 'now', command: 'stp compile' }));
    const home = findLocalCloudHome({ cwd: app, env: {} });
    expect(home.stateDir).toBe(path.join(root, '.stp', 'local'));
    expect(home.server).toBeUndefined();
  });

  it('--local-state DIR, then STP_LOCAL_STATE, name the state folder itself', () => {
    const { root, app } = tree();
    expect(findLocalCloudHome({ cwd: app, localState: '../../shared-state', env: { STP_LOCAL_STATE: '/elsewhere' } })).toEqual({
      stateDir: path.join(root, 'shared-state'),
      reason: '--local-state',
    });
    expect(findLocalCloudHome({ cwd: app, env: { STP_LOCAL_STATE: path.join(root, 'env-state') } })).toEqual({
      stateDir: path.join(root, 'env-state'),
      reason: 'STP_LOCAL_STATE',
    });
  });
});
