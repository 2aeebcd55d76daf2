/** What the worker loads into the workflow sandbox. */
export { clueWorkflow } from './clue/workflow';
export { campaignWorkflow } from './campaign/workflow';
export { samplerWorkflow } from './sampler/workflow';
export { unitDigestWorkflow } from './digest/workflow';
