import { describe, expect, it } from 'vitest';
import { generatePassword } from '../../../../../src/emulator/services/cloudformation/provisioning/types/secrets-manager-secret.js';

describe('generatePassword (GenerateSecretString)', () => {
  it('is 32 characters of every type by default, each type present', () => {
    for (let i = 0; i < 20; i++) {
      const password = generatePassword();
      expect(password).toHaveLength(32);
      expect(password).toMatch(/[a-z]/);
      expect(password).toMatch(/[A-Z]/);
      expect(password).toMatch(/[0-9]/);
      expect(password).toMatch(/[^A-Za-z0-9]/);
    }
  });

  it('honours the length and the exclusions', () => {
    const password = generatePassword({ PasswordLength: 50, ExcludePunctuation: true, ExcludeUppercase: true, ExcludeCharacters: 'abc012' });
    expect(password).toMatch(/^[d-z3-9]{50}$/);
  });
});
