/** The bare engine's task queue (bench/bare-workflows), apart from clueflow's. */
export const BARE_TASK_QUEUE = 'bench-bare';
