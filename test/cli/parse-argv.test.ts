import { describe, expect, it } from 'vitest';
import { GLOBAL_FLAGS } from '../../src/cli/argv/flag-spec.js';
import { parseArgv, UsageError } from '../../src/cli/argv/parse-argv.js';

const specs = [...GLOBAL_FLAGS, { name: 'format', type: 'string' as const, choices: ['json', 'yaml'], description: '' }];

describe('parseArgv', () => {
  it('reads long, short, =value and boolean flags and keeps positionals in order', () => {
    const parsed = parseArgv(['--stage', 'prod', '-r', 'eu-west-1', '--config=x.yml', '--ci', 'a', 'b'], specs);
    expect(parsed.flags).toEqual({ stage: 'prod', region: 'eu-west-1', config: 'x.yml', ci: true });
    expect(parsed.positionals).toEqual(['a', 'b']);
  });

  it('treats everything after -- as positionals', () => {
    expect(parseArgv(['--', '--stage', 'x'], specs).positionals).toEqual(['--stage', 'x']);
  });

  it('rejects an unknown flag with a did-you-mean instead of ignoring it', () => {
    expect(() => parseArgv(['--stgae', 'prod'], specs)).toThrowError(UsageError);
    try {
      parseArgv(['--stgae', 'prod'], specs);
    } catch (error) {
      expect((error as UsageError).message).toBe('unknown flag --stgae');
      expect((error as UsageError).hint).toBe('did you mean --stage?');
    }
  });

  it('rejects a value flag without its value', () => {
    expect(() => parseArgv(['--stage'], specs)).toThrowError('flag --stage needs a value (STAGE)');
    expect(() => parseArgv(['--stage', '--ci'], specs)).toThrowError('needs a value');
  });

  it('checks choices and suggests the closest', () => {
    try {
      parseArgv(['--format', 'jsno'], specs);
      expect.unreachable('should have thrown');
    } catch (error) {
      expect((error as UsageError).message).toContain('expected one of: json, yaml');
      expect((error as UsageError).hint).toBe('did you mean json?');
    }
  });

  it('rejects a value on a boolean flag', () => {
    expect(() => parseArgv(['--ci=yes'], specs)).toThrowError('takes no value');
    expect(parseArgv(['--ci=false'], specs).flags.ci).toBe(false);
  });
});
