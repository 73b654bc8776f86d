// The benchmarks the Run page and the item browser offer (bundled demo slices + loaded datasets), wired to the
// page's bundled loads and datasets state.
import { BenchChoices } from './bench-choices.svelte';
import { bundled } from './bundled.svelte';
import { datasets } from './datasets.svelte';

export const benchChoices = new BenchChoices({ bundled, datasets });
