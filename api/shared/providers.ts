/** Injection tokens for the values the API is built from (see api/app.ts). */
export const DATABASE = Symbol('Database');
export const TEMPORAL = Symbol('TemporalClient');
export const CONFIG = Symbol('Config');
export const ADMIN_TOKEN = Symbol('AdminToken');
/** The Temporal Web UI's workflows page, or null when there is none to link to. */
export const TEMPORAL_UI_URL = Symbol('TemporalUiUrl');
