// Shared by the Node tests: tiny models on disk and transformers.js pointed at them, offline.
import { configureTransformersEnv } from '../../../../src/backends/transformers';
import { TINY_MODELS_DIR, writeTinyModels } from '../../../fixtures/tiny-models/write';

export function useTinyModels(): void {
  writeTinyModels();
  configureTransformersEnv({ localModelPath: TINY_MODELS_DIR, allowRemoteModels: false });
}
