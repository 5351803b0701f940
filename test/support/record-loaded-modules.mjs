// `node --import <this file>`: appends the URL of every module the process resolves (ESM imports,
// dynamic imports of bundle chunks included) to the file named by STP_TEST_LOADED_MODULES. Used to
// prove what a run did not load (Ink in headless mode).
import { register } from 'node:module';

if (process.env.STP_TEST_LOADED_MODULES) {
  register('./record-loaded-modules-hooks.mjs', import.meta.url, { data: { file: process.env.STP_TEST_LOADED_MODULES } });
}
