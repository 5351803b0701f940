/**
 * The context startEmulator hands to every service: the contract's EmulatorContext plus the state
 * store (persistence, see state/state-store.ts). A service typed against EmulatorContext still
 * accepts it; a service that persists state takes this type and calls `ctx.state.register(...)`.
 */
import type { StateStore } from '../state/state-store.js';
import type { EmulatorContext } from './service.js';

export interface EmulatorRuntimeContext extends EmulatorContext {
  state: StateStore;
}
