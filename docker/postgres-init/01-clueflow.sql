-- Runs once, when the postgresql volume is first initialised (docker-entrypoint-initdb.d).
-- Temporal's auto-setup creates its own databases (temporal, temporal_visibility);
-- this is clueflow's application database. The app applies its migrations on start.
CREATE DATABASE clueflow;
