/** Injection tokens for the values the API is built from (see api/app.ts). */
export const DATABASE = Symbol('Database');
export const TEMPORAL = Symbol('TemporalClient');
export const CONFIG = Symbol('Config');
export const ADMIN_TOKEN = Symbol('AdminToken');
