-- Creates the table internal/repository/postgres.go reads and writes.
CREATE TABLE IF NOT EXISTS items (
    id   TEXT PRIMARY KEY,
    name TEXT NOT NULL
);
